import type { Migration } from './migrate';

/**
 * The event log. `xid` is the appending transaction's id: readers follow (xid, seq) and
 * see only rows whose transaction is older than every transaction still running
 * (pg_snapshot_xmin), so an event whose transaction commits late is never skipped —
 * see "The PostgreSQL gap problem" in DESIGN.md.
 *
 * `append_one` does a whole append: lock the stream, return the original result when the
 * event ids are already stored, check the expected revision, insert the events with their
 * hash-chain links, move the stream's revision on. `append_batch` runs many of them in
 * one transaction (group commit); since 002 it writes a batch's new one-event streams (new
 * applications) in one statement, and only the rest through `append_one`.
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

-- One append. Never raises for the writer's mistakes, so a batch of appends can share a
-- transaction: error = 'wrong_expected_revision' (actual = the stream's revision) or
-- 'event_id_conflict'; otherwise the new revision and the last event's position.
create function append_one(p_stream text, p_expected text, p_events jsonb,
  out next_revision bigint, out last_xid xid8, out last_seq bigint, out error text, out actual bigint)
language plpgsql as $fn$
declare
  v_revision bigint;
  v_hash bytea;
  v_count integer := jsonb_array_length(p_events);
  v_found integer;
  v_in_order boolean;
  v_first bigint;
  v_event jsonb;
begin
  insert into streams (stream_id, revision, last_hash) values (p_stream, -1, ''::bytea)
    on conflict do nothing;
  select s.revision, s.last_hash into v_revision, v_hash
    from streams s where s.stream_id = p_stream for update;

  -- Idempotent re-append: the same ids, in the same stream and order, return the original result.
  -- Primary-key lookups one id at a time: a cached plan for an IN (subquery) form can
  -- settle on a sequential scan while the table is small and keep it as the log grows.
  v_found := 0;
  for v_event in select x from jsonb_array_elements(p_events) x loop
    if exists (select 1 from events e where e.event_id = (v_event->>'id')::uuid) then
      v_found := v_found + 1;
    end if;
  end loop;
  if v_found > 0 then
    select e.revision into v_first from events e where e.event_id = (p_events->0->>'id')::uuid;
    select bool_and(e.stream_id = p_stream and e.revision = v_first + x.ord - 1) into v_in_order
      from jsonb_array_elements(p_events) with ordinality x(ev, ord)
      join events e on e.event_id = (x.ev->>'id')::uuid;
    if v_found = v_count and v_first is not null and v_in_order then
      select e.revision, e.xid, e.seq into next_revision, last_xid, last_seq from events e
        where e.event_id = (p_events->(v_count - 1)->>'id')::uuid;
      return;
    end if;
    error := 'event_id_conflict';
    return;
  end if;

  if (p_expected = 'no_stream' and v_revision <> -1)
     or (p_expected = 'stream_exists' and v_revision = -1)
     or (p_expected not in ('any', 'no_stream', 'stream_exists') and v_revision <> p_expected::bigint) then
    error := 'wrong_expected_revision';
    actual := v_revision;
    return;
  end if;

  for v_event in select x from jsonb_array_elements(p_events) x loop
    v_revision := v_revision + 1;
    v_hash := sha256(v_hash || int8send(v_revision) || decode(v_event->>'contentHash', 'hex'));
    insert into events (event_id, stream_id, revision, type, schema_version, data, metadata, hash)
      values ((v_event->>'id')::uuid, p_stream, v_revision, v_event->>'type',
              (v_event->>'schemaVersion')::integer, v_event->'data', v_event->'metadata', v_hash)
      returning seq into last_seq;
  end loop;
  update streams set revision = v_revision, last_hash = v_hash where stream_id = p_stream;
  next_revision := v_revision;
  last_xid := pg_current_xact_id();
end
$fn$;

-- Group commit: many writers' appends in one transaction and one round trip. The caller
-- sorts items by stream so that concurrent batches lock streams in the same order.
create function append_batch(p_items jsonb)
returns table (item integer, next_revision bigint, last_xid xid8, last_seq bigint, error text, actual bigint)
language plpgsql as $fn$
declare
  v_item jsonb;
  v_index integer;
begin
  for v_item, v_index in select x, (o - 1)::integer from jsonb_array_elements(p_items) with ordinality t(x, o) loop
    item := v_index;
    select a.next_revision, a.last_xid, a.last_seq, a.error, a.actual
      into next_revision, last_xid, last_seq, error, actual
      from append_one(v_item->>'stream', v_item->>'expected', v_item->'events') a;
    return next;
  end loop;
end
$fn$;
`,
  },
  {
    id: '002-new-streams-together',
    sql: `
create or replace function append_batch(p_items jsonb)
returns table (item integer, next_revision bigint, last_xid xid8, last_seq bigint, error text, actual bigint)
language plpgsql as $fn$
declare
  v_item jsonb;
  v_index integer;
  v_done integer[] := '{}';
  v_seqs bigint[];
begin
  -- Under load most items open a new stream with one event (a new application): those
  -- go in one statement for the whole batch. An item whose stream turns out to exist, and
  -- every other kind of append, takes the general path below, one item at a time. (The
  -- two paths lock streams in two passes, so two batches can deadlock; PostgreSQL then
  -- fails one, and the group commit runs its appends again one by one.)
  with numbered as (
    select (o - 1)::integer as item, x, x->>'stream' as stream,
           count(*) over (partition by x->>'stream') as appends_to_stream
    from jsonb_array_elements(p_items) with ordinality t(x, o)),
  items as (
    select n.item, n.stream, n.x->'events'->0 as ev,
           sha256(int8send(0) || decode(n.x->'events'->0->>'contentHash', 'hex')) as hash
    from numbered n
    where n.appends_to_stream = 1 and n.x->>'expected' = 'no_stream'
      and jsonb_array_length(n.x->'events') = 1
      and not exists (select 1 from events e where e.event_id = (n.x->'events'->0->>'id')::uuid)),
  opened as (
    insert into streams (stream_id, revision, last_hash)
    select i.stream, 0, i.hash from items i order by i.stream
    on conflict do nothing
    returning stream_id),
  written as (
    insert into events (event_id, stream_id, revision, type, schema_version, data, metadata, hash)
    select (i.ev->>'id')::uuid, i.stream, 0, i.ev->>'type', (i.ev->>'schemaVersion')::integer,
           i.ev->'data', i.ev->'metadata', i.hash
    from items i join opened o on o.stream_id = i.stream
    order by i.item
    returning stream_id, seq)
  select coalesce(array_agg(i.item), '{}'), coalesce(array_agg(w.seq), '{}') into v_done, v_seqs
    from items i join written w on w.stream_id = i.stream;
  return query select d.item, 0::bigint, pg_current_xact_id(), d.seq, null::text, null::bigint
    from unnest(v_done, v_seqs) d(item, seq);
  for v_item, v_index in select x, (o - 1)::integer from jsonb_array_elements(p_items) with ordinality t(x, o) loop
    continue when v_index = any(v_done);
    item := v_index;
    select a.next_revision, a.last_xid, a.last_seq, a.error, a.actual
      into next_revision, last_xid, last_seq, error, actual
      from append_one(v_item->>'stream', v_item->>'expected', v_item->'events') a;
    return next;
  end loop;
end
$fn$;
`,
  },
];
