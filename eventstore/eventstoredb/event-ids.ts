import type { Pool } from 'pg';
import type { Migration } from '../postgres/migrate';

/**
 * Which stream each event id was appended to. The port promises that an event id is
 * stored once across the whole log, but EventStoreDB only recognises a repeated id when
 * it is appended again at the same place in the same stream. So before writing, the
 * adapter claims the ids here (PostgreSQL already holds the read models and checkpoints):
 * a new id goes straight through, an id claimed for another stream is refused, and an id
 * claimed for this stream is looked for in the stream — a retry.
 *
 * A claim whose append then failed stays behind; that is harmless, because ids are
 * UUIDs made for one append, and a retry of that append to the same stream is allowed.
 */
export const eventIdMigrations: readonly Migration[] = [
  {
    id: '001-event-ids',
    sql: `
create table eventstoredb_event_ids (
  event_id uuid primary key,
  stream_id text not null
);`,
  },
];

export type Claim =
  { kind: 'new' } | { kind: 'retry' } | { kind: 'elsewhere'; streamId: string; eventId: string };

export class EventIdRegister {
  constructor(private readonly pool: Pool) {}

  async claim(streamId: string, eventIds: readonly string[]): Promise<Claim> {
    const inserted = await this.pool.query<{ event_id: string }>(
      `insert into eventstoredb_event_ids (event_id, stream_id)
       select unnest($2::uuid[]), $1 on conflict (event_id) do nothing returning event_id::text`,
      [streamId, eventIds],
    );
    if (inserted.rows.length === eventIds.length) return { kind: 'new' };
    const mine = inserted.rows.map((r) => r.event_id);
    // A second statement, so an id a concurrent append claimed a moment ago is seen too.
    const { rows: held } = await this.pool.query<{ event_id: string; stream_id: string }>(
      `select event_id::text, stream_id from eventstoredb_event_ids
       where event_id = any($1::uuid[]) and stream_id <> $2 limit 1`,
      [eventIds, streamId],
    );
    const elsewhere = held[0];
    if (!elsewhere) return { kind: 'retry' };
    await this.release(streamId, mine);
    return { kind: 'elsewhere', streamId: elsewhere.stream_id, eventId: elsewhere.event_id };
  }

  /**
   * Claims the ids of events copied from another log in one statement, giving back the
   * first id already claimed for another stream, if any. Ids claimed for the same stream are a copy
   * resumed after an interruption.
   */
  async claimCopies(
    events: readonly { id: string; streamId: string }[],
  ): Promise<{ streamId: string; eventId: string } | undefined> {
    const ids = events.map((e) => e.id);
    await this.pool.query(
      `insert into eventstoredb_event_ids (event_id, stream_id)
       select * from unnest($1::uuid[], $2::text[]) on conflict (event_id) do nothing`,
      [ids, events.map((e) => e.streamId)],
    );
    const { rows } = await this.pool.query<{ event_id: string; stream_id: string }>(
      `select c.event_id::text, c.stream_id
       from unnest($1::uuid[], $2::text[]) as w(event_id, stream_id)
       join eventstoredb_event_ids c using (event_id)
       where c.stream_id <> w.stream_id limit 1`,
      [ids, events.map((e) => e.streamId)],
    );
    const elsewhere = rows[0];
    return elsewhere && { streamId: elsewhere.stream_id, eventId: elsewhere.event_id };
  }

  /** Gives back ids claimed by an append that was refused, so nothing holds them. */
  async release(streamId: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.pool.query(
      'delete from eventstoredb_event_ids where stream_id = $1 and event_id = any($2::uuid[])',
      [streamId, eventIds],
    );
  }
}
