import { z } from 'zod';
import { DEVELOPMENT_MASTER_KEY } from '../eventstore/personal-data/key-provider';
import { DEVELOPMENT_SEARCH_SECRET } from '../projections/cases/search-keys';
import { unitCostsSchema } from '../projections/mi/kpis';
import { fileDropSchema } from '../workers/file-drop/file-drop';

/** A key or secret: 32 random bytes, base64 (`openssl rand -base64 32`). */
const secretBytes = () =>
  z
    .string()
    .optional()
    .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, {
      message: 'Give 32 random bytes in base64, e.g. from `openssl rand -base64 32`',
    });

/**
 * Whether a configured secret cannot have been drawn at random: the development one that
 * is published with the code (in any base64 spelling), or one of few distinct bytes (all
 * zeros, a repeated pattern).
 */
const notSecret = (base64: string | undefined, published: Buffer) => {
  if (base64 === undefined) return true;
  const key = Buffer.from(base64, 'base64');
  return key.equals(published) || new Set(key).size < 16;
};

/**
 * Configuration comes from the environment, read once here in the composition root and
 * passed down; nothing else reads process.env.
 */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://localhost:5432/casework'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/)
    .default('public'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  EVENT_STORE: z.enum(['postgres', 'eventstoredb']).default('postgres'),
  EVENTSTORE_CONNECTION_STRING: z
    .string()
    .regex(/^esdb(\+discover)?:\/\//, 'Give an esdb:// or esdb+discover:// address')
    .optional(),
  /** The staff identity provider (OIDC); without it, the development identity provider signs staff in. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_AUDIENCE: z.string().default('casework'),
  /**
   * The back-office UI's client id at the OIDC provider (a public client: authorization code
   * with PKCE, no secret). Defaults to OIDC_AUDIENCE, for providers whose ID tokens name the
   * client as their audience.
   */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Cost of one transaction per channel in pounds, as JSON: {"web":0.4,"phone":6.8,...}. */
  UNIT_COSTS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return unitCostsSchema.parse(JSON.parse(text));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'Give JSON with web, phone, post and assisted_digital costs in pounds',
        });
        return z.NEVER;
      }
    }),
  /** Most events a projection applies in one transaction. */
  PROJECTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** Who runs a command: recorded as the actor of erasures, imports and retries from the CLI. */
  SUDO_USER: z.string().optional(),
  LOGNAME: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Prefix of every BullMQ key in Redis, so several back offices can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,40}$/)
    .default('casework'),
  /** Attempts to deliver a webhook before it joins the failed deliveries. */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First retry delay of a webhook; each later one doubles, with jitter. */
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(2000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * Lets webhooks go to plain-HTTP URLs and to loopback and private addresses: for
   * development and tests against local receivers; refused in production.
   */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * File drops for legacy systems that read files, as JSON:
   * [{"name":"wcr-legacy","directory":"/srv/drops/wcr","format":"fixed-width","services":["waste-carrier-registration"]}]
   */
  FILE_DROPS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return [];
      try {
        return z.array(fileDropSchema).parse(JSON.parse(text));
      } catch {
        ctx.addIssue({
          code: 'custom',
          message:
            'Give a JSON array of {name, directory, format: csv|fixed-width, services?, events?}',
        });
        return z.NEVER;
      }
    }),
  /** After this long without a heartbeat, a dead worker's job goes to another worker. */
  WORKER_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** GOV.UK Notify API key; without it nothing is sent to applicants. */
  NOTIFY_API_KEY: z
    .string()
    .regex(/-[0-9a-f-]{36}-[0-9a-f-]{36}$/, 'Give a Notify API key: name-serviceId-secret')
    .optional(),
  NOTIFY_BASE_URL: z.url().default('https://api.notifications.service.gov.uk'),
  /** The bearer token Notify sends with delivery receipts (set in Notify's callback settings). */
  NOTIFY_CALLBACK_TOKEN: z.string().min(16).optional(),
  /** How often the back office erases personal data whose retention period has ended. */
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /**
   * The bearer token Prometheus sends for /metrics (32 characters or more). Without it,
   * /metrics is open outside production and not served in production.
   */
  METRICS_TOKEN: z.string().min(32, 'Give a metrics token of 32 characters or more').optional(),
  /**
   * Keys the NI number search column (HMAC). Required in production; elsewhere a fixed
   * development secret stands in. Changing it rebuilds the cases read model's search keys
   * (`casework rebuild cases`).
   */
  SEARCH_KEY_SECRET: secretBytes(),
  /**
   * Wraps every applicant's data key. Required in production; elsewhere a fixed
   * development key stands in.
   */
  PERSONAL_DATA_MASTER_KEY: secretBytes(),
});

const withDefaults = configSchema.transform((config) => ({
  ...config,
  OIDC_CLIENT_ID: config.OIDC_CLIENT_ID ?? config.OIDC_AUDIENCE,
}));

export type Config = z.infer<typeof withDefaults>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The person running a command, as the actor it records. */
export const cliOperator = (config: Config, role: string) => ({
  id: config.SUDO_USER ?? config.LOGNAME ?? 'cli',
  role,
});

export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = withDefaults.safeParse(blankless);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Configuration is not valid: ${problems}`);
  }
  if (result.data.EVENT_STORE === 'eventstoredb' && !result.data.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError(
      'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, e.g. esdb://localhost:2113?tls=false.',
    );
  }
  if (result.data.NODE_ENV === 'production' && !result.data.PERSONAL_DATA_MASTER_KEY) {
    throw new ConfigError(
      'NODE_ENV=production needs PERSONAL_DATA_MASTER_KEY (32 random bytes, base64) to protect personal data.',
    );
  }
  if (
    result.data.NODE_ENV === 'production' &&
    notSecret(result.data.SEARCH_KEY_SECRET, DEVELOPMENT_SEARCH_SECRET)
  ) {
    throw new ConfigError(
      'NODE_ENV=production needs SEARCH_KEY_SECRET (32 random bytes, base64) to key NI number search.',
    );
  }
  if (
    result.data.NODE_ENV === 'production' &&
    result.data.PERSONAL_DATA_MASTER_KEY &&
    notSecret(result.data.PERSONAL_DATA_MASTER_KEY, DEVELOPMENT_MASTER_KEY)
  ) {
    throw new ConfigError(
      'PERSONAL_DATA_MASTER_KEY is not a secret key: in production give 32 random bytes, base64 (`openssl rand -base64 32`).',
    );
  }
  if (result.data.NODE_ENV === 'production' && result.data.WEBHOOK_ALLOW_PRIVATE_NETWORKS) {
    throw new ConfigError(
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS is for development and tests: in production webhooks go only to public HTTPS endpoints.',
    );
  }
  if (result.data.NODE_ENV === 'production' && !result.data.OIDC_ISSUER) {
    throw new ConfigError(
      'NODE_ENV=production needs OIDC_ISSUER: the development identity provider is refused in production.',
    );
  }
  return result.data;
};
