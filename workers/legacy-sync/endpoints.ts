import type { Pool, PoolClient } from 'pg';
import type { Migration } from '../../eventstore/postgres/migrate';

/**
 * Endpoints of legacy systems (and integrators) that receive case events as signed
 * webhooks. An integrator's endpoint receives only the cases it submitted; an
 * administrator's receives every case of the services it names (all when none).
 */
export const webhookMigrations: readonly Migration[] = [
  {
    id: '001-webhook-endpoints',
    sql: `
create table webhook_endpoints (
  id uuid primary key,
  owner text not null,
  url text not null,
  description text,
  secret text not null,
  created_at timestamptz not null default now(),
  secret_rotated_at timestamptz
);
create index on webhook_endpoints (owner);`,
  },
  {
    id: '002-webhook-subscriptions',
    sql: `
alter table webhook_endpoints
  add column owner_kind text not null default 'integrator',
  add column services text[] not null default '{}',
  add column events text[] not null default '{ApplicationSubmitted,DecisionRecorded,DecisionApproved,CaseClosed,ApplicationWithdrawn}';`,
  },
  {
    // Set when the owner's API key is revoked: nothing more is sent to it, queued or not.
    id: '003-webhook-disabled',
    sql: `alter table webhook_endpoints add column disabled_at timestamptz;`,
  },
];

/** What a legacy system is sent unless it chooses: new applications and decisions. */
export const SYNCED_EVENTS = [
  'ApplicationSubmitted',
  'AnswersAmended',
  'DecisionRecorded',
  'DecisionApproved',
  'CaseClosed',
  'ApplicationWithdrawn',
  'CaseReopened',
] as const;
export const DEFAULT_SYNCED_EVENTS = [
  'ApplicationSubmitted',
  'DecisionRecorded',
  'DecisionApproved',
  'CaseClosed',
  'ApplicationWithdrawn',
];

export interface WebhookEndpoint {
  id: string;
  owner: string;
  ownerKind: 'integrator' | 'staff';
  url: string;
  secret: string;
  services: string[];
  events: string[];
}

const COLUMNS = `id, owner, owner_kind as "ownerKind", url, secret, services, events`;

export const allEndpoints = async (db: Pool | PoolClient): Promise<WebhookEndpoint[]> =>
  (
    await db.query<WebhookEndpoint>(
      `select ${COLUMNS} from webhook_endpoints where disabled_at is null`,
    )
  ).rows;

export const endpointById = async (
  db: Pool | PoolClient,
  id: string,
): Promise<WebhookEndpoint | undefined> =>
  (
    await db.query<WebhookEndpoint>(
      `select ${COLUMNS} from webhook_endpoints where id = $1 and disabled_at is null`,
      [id],
    )
  ).rows[0];

/** Stops every endpoint of an owner (an API key being revoked) from receiving anything more. */
export const disableEndpointsOf = async (db: Pool | PoolClient, owner: string) => {
  await db.query(
    'update webhook_endpoints set disabled_at = now() where owner = $1 and disabled_at is null',
    [owner],
  );
};

/** Whether an endpoint is sent this event of this case. */
export const wants = (
  endpoint: WebhookEndpoint,
  eventType: string,
  sync: { service: string; submittedBy: string },
): boolean =>
  endpoint.events.includes(eventType) &&
  (endpoint.services.length === 0 || endpoint.services.includes(sync.service)) &&
  (endpoint.ownerKind === 'staff' || endpoint.owner === sync.submittedBy);
