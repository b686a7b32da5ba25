import { randomBytes, randomUUID } from 'node:crypto';
import { line } from '../domain/values';
import type { Pool } from 'pg';
import { z } from 'zod';
import { caseTypeRegistry } from '../domain/case-types';
import { ValidationFailed, fieldErrorsOf } from '../domain/errors';
import { isUuid } from '../eventstore/ids';
import {
  DEFAULT_SYNCED_EVENTS,
  disableEndpointsOf,
  SYNCED_EVENTS,
} from '../workers/legacy-sync/endpoints';
import type { IdentityStore } from './auth/identity-store';
import { apiKeyPrincipalId } from './auth/plugin';
import { destinationProblem, type DestinationRules } from '../workers/legacy-sync/destination';
import { NotFound } from './problems';

/**
 * Registering the endpoints that receive case events, for integrators (REST, their own
 * endpoints only) and administrators (GraphQL, every endpoint). The signing secret is
 * returned when an endpoint is created or its secret rotated, and kept so deliveries can
 * be signed; listings never include it.
 */
export const webhookRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'Enter an http or https URL' }).max(2000),
  description: line(200, false).optional(),
  /** Services whose cases it receives; none: every service. */
  services: z
    .array(
      z.enum(
        caseTypeRegistry.all.map((t) => t.id) as [string, ...string[]],
        `Choose from: ${caseTypeRegistry.all.map((t) => t.id).join(', ')}`,
      ),
    )
    .max(50)
    .optional(),
  /** Case events it receives; by default new applications and decisions. */
  events: z.array(z.enum(SYNCED_EVENTS)).min(1).optional(),
});

/** Who registers an endpoint: an integrator's receives only the cases it submitted. */
export interface EndpointOwner {
  id: string;
  kind: 'integrator' | 'staff';
}

export interface RegisteredEndpoint {
  id: string;
  owner: string;
  ownerKind: 'integrator' | 'staff';
  url: string;
  description: string | null;
  services: string[];
  events: string[];
  createdAt: string;
  secretRotatedAt: string | null;
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

const COLUMNS = `id, owner, owner_kind as "ownerKind", url, description, services, events,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  to_char(secret_rotated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "secretRotatedAt"`;

/**
 * Validates the request (errors under `at`, e.g. ['body']), checks its URL is somewhere
 * webhooks may go (HTTPS to a public address, unless the rules allow private networks),
 * and stores the endpoint.
 */
export const registerWebhookEndpoint = async (
  pool: Pool,
  owner: EndpointOwner,
  request: unknown,
  at: (string | number)[],
  destinations: DestinationRules,
): Promise<{ endpoint: RegisteredEndpoint; secret: string }> => {
  const parsed = webhookRequestSchema.safeParse(request ?? {});
  if (!parsed.success) throw new ValidationFailed(fieldErrorsOf(parsed.error, at));
  const problem = await destinationProblem(parsed.data.url, destinations);
  if (problem) throw new ValidationFailed([{ path: [...at, 'url'], message: problem }]);
  const secret = newSecret();
  const { rows } = await pool.query<RegisteredEndpoint>(
    `insert into webhook_endpoints (id, owner, owner_kind, url, description, secret, services, events)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
    [
      randomUUID(),
      owner.id,
      owner.kind,
      parsed.data.url,
      parsed.data.description || null,
      secret,
      parsed.data.services ?? [],
      parsed.data.events ?? DEFAULT_SYNCED_EVENTS,
    ],
  );
  return { endpoint: rows[0]!, secret };
};

/** One owner's endpoints, or (no owner) every endpoint, oldest first. */
export const webhookEndpoints = async (pool: Pool, owner?: string): Promise<RegisteredEndpoint[]> =>
  (
    await pool.query<RegisteredEndpoint>(
      `select ${COLUMNS} from webhook_endpoints where $1::text is null or owner = $1
       order by created_at, id`,
      [owner ?? null],
    )
  ).rows;

/** Deletes an endpoint (of this owner, if given); NotFound when there is none. */
export const deleteWebhookEndpoint = async (pool: Pool, id: string, owner?: string) => {
  const { rowCount } = isUuid(id)
    ? await pool.query(
        'delete from webhook_endpoints where id = $1 and ($2::text is null or owner = $2)',
        [id, owner ?? null],
      )
    : { rowCount: 0 };
  if (!rowCount) throw new NotFound(`No webhook endpoint ${id}`);
};

/** Gives an endpoint a new signing secret, returned once; NotFound when there is none. */
export const rotateWebhookSecret = async (
  pool: Pool,
  id: string,
  owner?: string,
): Promise<{ id: string; secret: string }> => {
  const secret = newSecret();
  const { rowCount } = isUuid(id)
    ? await pool.query(
        `update webhook_endpoints set secret = $3, secret_rotated_at = now()
         where id = $1 and ($2::text is null or owner = $2)`,
        [id, owner ?? null, secret],
      )
    : { rowCount: 0 };
  if (!rowCount) throw new NotFound(`No webhook endpoint ${id}`);
  return { id, secret };
};

/**
 * Revokes an integrator's API key and stops its webhook endpoints at once: deliveries
 * queued for them find no endpoint and send nothing. Whether a live key was revoked.
 */
export const revokeIntegrator = async (
  identity: IdentityStore,
  pool: Pool,
  idOrName: string,
): Promise<boolean> => {
  const revoked = await identity.revokeApiKey(idOrName);
  for (const id of revoked) await disableEndpointsOf(pool, apiKeyPrincipalId(id));
  return revoked.length > 0;
};
