import type { Migration } from './migrate';

/**
 * The event log. `xid` is the appending transaction's id: readers follow (xid, seq) and
 * see only rows whose transaction is older than every transaction still running
 * (pg_snapshot_xmin), so an event whose transaction commits late is never skipped —
 * see "The PostgreSQL gap problem" in DESIGN.md.
 *
 * `append_to_stream` does a whole append in one round trip: lock the stream, return the
 * original result when the event ids are already stored, check the expected revision,
 * insert the events with their hash-chain links, move the stream's revision on.
 * Errors: CW409 wrong expected revision (DETAIL = actual revision), CW422 event id conflict.
 */
export const eventStoreMigrations: readonly Migration[] = [
  {
    id: '001-event-log',
    sql: `
create table events (
  seq bigserial not null,
  xid xid8 not null default pg_current_xact_id(),
  event_id uuid primary key,
  stream_id text not null,
  revision bigint not null,
  type text not null,
  schema_version integer not null,
  data jsonb not null,
  metadata jsonb not null,
  hash bytea not null,
  constraint events_stream_revision unique (stream_id, revision)
);
create index events_global_order on events (xid, seq);

create table streams (
  stream_id text primary key,
  revision bigint not null,
  last_hash bytea not null
);

create function append_to_stream(p_stream text, p_expected text, p_events jsonb)
returns table (next_revision bigint, last_xid xid8, last_seq bigint)
language plpgsql as $fn$
declare
  v_revision bigint;
  v_hash bytea;
  v_count integer := jsonb_array_length(p_events);
  v_found integer;
  v_in_order boolean;
  v_first bigint;
  v_seq bigint;
  v_event jsonb;
begin
  insert into streams (stream_id, revision, last_hash) values (p_stream, -1, ''::bytea)
    on conflict do nothing;
  select s.revision, s.last_hash into v_revision, v_hash
    from streams s where s.stream_id = p_stream for update;

  select count(*) into v_found from events e
    where e.event_id in (select (x->>'id')::uuid from jsonb_array_elements(p_events) x);
  if v_found > 0 then
    select e.revision into v_first from events e where e.event_id = (p_events->0->>'id')::uuid;
    select bool_and(e.stream_id = p_stream and e.revision = v_first + x.ord - 1) into v_in_order
      from jsonb_array_elements(p_events) with ordinality x(ev, ord)
      join events e on e.event_id = (x.ev->>'id')::uuid;
    if v_found = v_count and v_first is not null and v_in_order then
      return query select e.revision, e.xid, e.seq from events e
        where e.event_id = (p_events->(v_count - 1)->>'id')::uuid;
      return;
    end if;
    raise exception 'event ids already stored for other events' using errcode = 'CW422';
  end if;

  if (p_expected = 'no_stream' and v_revision <> -1)
     or (p_expected = 'stream_exists' and v_revision = -1)
     or (p_expected not in ('any', 'no_stream', 'stream_exists') and v_revision <> p_expected::bigint) then
    raise exception 'wrong expected revision' using errcode = 'CW409', detail = v_revision::text;
  end if;

  for v_event in select x from jsonb_array_elements(p_events) x loop
    v_revision := v_revision + 1;
    v_hash := sha256(v_hash || int8send(v_revision) || decode(v_event->>'contentHash', 'hex'));
    insert into events (event_id, stream_id, revision, type, schema_version, data, metadata, hash)
      values ((v_event->>'id')::uuid, p_stream, v_revision, v_event->>'type',
              (v_event->>'schemaVersion')::integer, v_event->'data', v_event->'metadata', v_hash)
      returning seq into v_seq;
  end loop;
  update streams set revision = v_revision, last_hash = v_hash where stream_id = p_stream;
  return query select v_revision, pg_current_xact_id(), v_seq;
end
$fn$;
`,
  },
];
