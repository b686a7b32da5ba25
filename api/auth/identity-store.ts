import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Pool } from 'pg';
import type { Migration } from '../../eventstore/postgres/migrate';
import type { ApiKeyScope, Role } from './roles';

/**
 * People and systems the back office knows: staff (those of the development identity
 * provider, or in production those the department's OIDC provider has signed in: see
 * staff-directory.ts), the development identity provider's signing key, and
 * integrators' API keys — stored only as SHA-256 hashes, shown once when created.
 */
export const identityMigrations: readonly Migration[] = [
  {
    id: '001-identity',
    sql: `
create table staff_users (
  id text primary key,
  name text not null,
  role text not null,
  teams text[] not null default '{}',
  created_at timestamptz not null default now()
);
create table identity_keys (
  kid text primary key,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now()
);
create table api_keys (
  id uuid primary key,
  name text not null,
  scopes text[] not null,
  secret_hash text not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);`,
  },
  {
    // A person who has left (or lost access) stays in the directory, named in case
    // histories, but their tokens stop working at once.
    id: '002-staff-deactivation',
    sql: `alter table staff_users add column deactivated_at timestamptz;`,
  },
];

/** How long a process trusts that a person is still active before asking the directory again. */
const ACTIVE_FOR_MS = 2000;

export interface StaffUser {
  id: string;
  name: string;
  role: Role;
  teams: string[];
}

export interface ApiKey {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  revokedAt: Date | null;
}

const KEY_PREFIX = 'cwk';
const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Live API keys are remembered for a second, so a busy integrator's requests do not each
 * cost a query; a revocation takes effect at once in the process that made it and within
 * that second everywhere else.
 */
const LIVE_KEY_REMEMBERED_MS = 1000;

interface LiveKey {
  name: string;
  scopes: ApiKeyScope[];
  secret_hash: string;
  created_at: Date;
}

export class IdentityStore {
  private readonly liveKeys = new Map<string, { key: LiveKey; until: number }>();

  constructor(private readonly pool: Pool) {}

  async staff(): Promise<StaffUser[]> {
    const { rows } = await this.pool.query<StaffUser>(
      'select id, name, role, teams from staff_users where deactivated_at is null order by role, name',
    );
    return rows;
  }

  async staffUser(id: string): Promise<StaffUser | undefined> {
    const { rows } = await this.pool.query<StaffUser>(
      'select id, name, role, teams from staff_users where id = $1 and deactivated_at is null',
      [id],
    );
    return rows[0];
  }

  /** Caseworkers and team leaders who work every one of these teams: whom their cases can go to. */
  async assignableStaff(teams: string[]): Promise<StaffUser[]> {
    const { rows } = await this.pool.query<StaffUser>(
      `select id, name, role, teams from staff_users
       where role in ('caseworker', 'team_leader') and teams @> $1::text[] and deactivated_at is null
       order by name, id`,
      [teams],
    );
    return rows;
  }

  private readonly active = new Map<string, { active: boolean; until: number }>();

  /**
   * Whether this person is in the staff directory and not deactivated: asked of every
   * staff request (remembered for two seconds per process), so a token outlives neither
   * the person's place in the directory nor their deactivation.
   */
  async isActiveStaff(id: string): Promise<boolean> {
    const now = Date.now();
    const known = this.active.get(id);
    if (known && known.until > now) return known.active;
    const { rows } = await this.pool.query(
      'select 1 from staff_users where id = $1 and deactivated_at is null',
      [id],
    );
    const active = rows.length > 0;
    this.active.set(id, { active, until: now + ACTIVE_FOR_MS });
    if (this.active.size > 10_000) this.active.delete(this.active.keys().next().value!);
    return active;
  }

  /** Ends a person's access: their tokens are refused from now on. Whether they were active. */
  async deactivateStaffUser(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'update staff_users set deactivated_at = now() where id = $1 and deactivated_at is null',
      [id],
    );
    this.active.delete(id);
    return (rowCount ?? 0) > 0;
  }

  /** Adds a staff member, or updates their role and teams (never their deactivation). */
  async saveStaffUser(user: StaffUser): Promise<void> {
    await this.pool.query(
      `insert into staff_users (id, name, role, teams) values ($1, $2, $3, $4)
       on conflict (id) do update set name = excluded.name, role = excluded.role, teams = excluded.teams`,
      [user.id, user.name, user.role, user.teams],
    );
  }

  /** The development identity provider's signing key, made once and shared by every process. */
  async signingKey(): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK }> {
    const existing = await this.pool.query<{ kid: string; private_jwk: JWK; public_jwk: JWK }>(
      'select kid, private_jwk, public_jwk from identity_keys order by created_at limit 1',
    );
    const row = existing.rows[0];
    if (row) return { kid: row.kid, privateJwk: row.private_jwk, publicJwk: row.public_jwk };
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomUUID();
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    await this.pool.query(
      `insert into identity_keys (kid, private_jwk, public_jwk)
       select $1, $2, $3 where not exists (select 1 from identity_keys)`,
      [kid, privateJwk, publicJwk],
    );
    return this.signingKey();
  }

  async publicKeys(): Promise<JWK[]> {
    const { rows } = await this.pool.query<{ public_jwk: JWK }>(
      'select public_jwk from identity_keys',
    );
    return rows.map((r) => r.public_jwk);
  }

  async privateKey() {
    const { privateJwk, kid } = await this.signingKey();
    return { key: await importJWK(privateJwk, 'ES256'), kid };
  }

  /** Creates an API key; the returned secret is shown once and never stored. */
  async createApiKey(
    name: string,
    scopes: ApiKeyScope[],
  ): Promise<{ key: string; apiKey: ApiKey }> {
    const id = randomUUID();
    const secret = randomBytes(24).toString('base64url');
    await this.pool.query(
      'insert into api_keys (id, name, scopes, secret_hash) values ($1, $2, $3, $4)',
      [id, name, scopes, hashSecret(secret)],
    );
    return {
      key: `${KEY_PREFIX}_${id.replace(/-/g, '')}_${secret}`,
      apiKey: { id, name, scopes, createdAt: new Date(), revokedAt: null },
    };
  }

  async apiKeys(): Promise<ApiKey[]> {
    const { rows } = await this.pool.query<{
      id: string;
      name: string;
      scopes: ApiKeyScope[];
      created_at: Date;
      revoked_at: Date | null;
    }>('select id, name, scopes, created_at, revoked_at from api_keys order by created_at');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scopes: r.scopes,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }));
  }

  /** Revokes a live key by id or name: the ids revoked (none: no such live key). */
  async revokeApiKey(idOrName: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `update api_keys set revoked_at = now()
       where revoked_at is null and (name = $1 or id::text = $1) returning id`,
      [idOrName],
    );
    this.liveKeys.clear();
    return rows.map((r) => r.id);
  }

  private async liveKey(id: string): Promise<LiveKey | undefined> {
    const now = Date.now();
    const remembered = this.liveKeys.get(id);
    if (remembered && remembered.until > now) return remembered.key;
    const { rows } = await this.pool.query<LiveKey>(
      'select name, scopes, secret_hash, created_at from api_keys where id = $1 and revoked_at is null',
      [id],
    );
    const key = rows[0];
    if (key) this.liveKeys.set(id, { key, until: now + LIVE_KEY_REMEMBERED_MS });
    else this.liveKeys.delete(id);
    return key;
  }

  /** The live key a presented secret belongs to, or undefined. */
  async apiKeyFor(presented: string): Promise<ApiKey | undefined> {
    const match = /^cwk_([0-9a-f]{32})_([A-Za-z0-9_-]{32})$/.exec(presented);
    if (!match) return undefined;
    const id = match[1]!.replace(/(.{8})(.{4})(.{4})(.{4})(.{12})/, '$1-$2-$3-$4-$5');
    const row = await this.liveKey(id);
    if (!row) return undefined;
    const given = Buffer.from(hashSecret(match[2]!), 'hex');
    if (!timingSafeEqual(given, Buffer.from(row.secret_hash, 'hex'))) return undefined;
    return { id, name: row.name, scopes: row.scopes, createdAt: row.created_at, revokedAt: null };
  }
}
