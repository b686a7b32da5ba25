import type { Pool } from 'pg';
import { CASE_STATUSES } from '../../domain/case-type';
import { APPLICATION_CHANNELS } from '../../domain/channels';
import { seededRandom } from '../../cli/seed/fake-answers';
import { CASE_SORT_FIELDS, type CaseSort } from '../../projections/cases/case-order';
import { SLA_STATES } from '../../projections/cases/case-summary';
import { queuePage, type CaseFilter } from '../../projections/cases/queue-page';
import { QUEUE_IDS, queueCounts, type QueueId } from '../../projections/cases/queues';
import { searchCases } from '../../projections/cases/search';

/**
 * The queries a person makes in a day, as named kinds. Each kind's parameters for run `i`
 * depend on `i` alone, so the slowest run can be repeated exactly to explain it.
 */

export type Db = Pick<Pool, 'query'>;

export interface Kind {
  name: string;
  run(db: Db, i: number): Promise<unknown>;
}

export interface BenchUser {
  label: string;
  user: { id: string; teams: string[] };
}

/** Real values to search for, sampled from the filled table. */
export interface Samples {
  references: string[];
  names: string[];
  postcodes: string[];
  ninos: string[];
}

/** `endCursor` of pages 1, 2, 3… of each queue with more than one page, per user. */
export type Cursors = Map<QueueId, string[]>;

const drawFor = (salt: string, i: number) => {
  let seed = i;
  for (const c of salt) seed = Math.imul(seed ^ c.charCodeAt(0), 0x9e3779b1);
  const random = seededRandom(seed);
  const int = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[]): T[] => {
    const first = pick(items);
    const second = pick(items);
    return random() < 0.6 || first === second ? [first] : [first, second];
  };
  return { random, int, pick, some };
};
type Draw = ReturnType<typeof drawFor>;

const isoDaysBefore = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Part of a name as a person types it: a surname, a first name, a few letters, or both names. */
const nameFragment = (name: string, { pick, int, random }: Draw) => {
  const words = name.split(' ');
  // Nobody looks for "ap" or "Ó" on their own.
  const word = pick(words.filter((w) => w.length >= 3));
  const r = random();
  if (r < 0.3) return word;
  if (r < 0.6) return word.slice(0, Math.min(word.length, int(3, 6)));
  if (r < 0.8) return `${words[0]} ${words[words.length - 1]}`;
  return name.toLowerCase();
};

const FILTERS = ['service', 'status', 'channel', 'slaState', 'received', 'text'] as const;

const filterOf = (
  kind: (typeof FILTERS)[number],
  draw: Draw,
  context: { services: readonly string[]; samples: Samples; today: string },
): CaseFilter => {
  switch (kind) {
    case 'service':
      return { service: [draw.pick(context.services)] };
    case 'status':
      return { status: draw.some(CASE_STATUSES) };
    case 'channel':
      return { channel: draw.some(APPLICATION_CHANNELS) };
    case 'slaState':
      return { slaState: draw.some(SLA_STATES) };
    case 'received': {
      const from = draw.int(0, 120);
      return {
        receivedFrom: isoDaysBefore(context.today, from),
        receivedTo: isoDaysBefore(context.today, Math.max(0, from - draw.int(0, 30))),
      };
    }
    case 'text':
      return { text: nameFragment(draw.pick(context.samples.names), draw) };
  }
};

const SORTS: CaseSort[] = CASE_SORT_FIELDS.flatMap((field) =>
  (['asc', 'desc'] as const).map((direction) => ({ field, direction })),
).filter((s) => !(s.field === 'priority' && s.direction === 'asc'));

const spacedNino = (nino: string) =>
  `${nino.slice(0, 2)} ${nino.slice(2, 4)} ${nino.slice(4, 6)} ${nino.slice(6, 8)} ${nino.slice(8)}`;

export const searchKinds = (samples: Samples, today: string): Kind[] => {
  const search = (name: string, query: (draw: Draw) => string): Kind => ({
    name: `search ${name}`,
    run: (db, i) => searchCases(db, { query: query(drawFor(name, i)), today }),
  });
  return [
    search('reference', (d) => d.pick(samples.references)),
    search('name', (d) => nameFragment(d.pick(samples.names), d)),
    search('postcode', (d) => {
      const postcode = d.pick(samples.postcodes);
      return d.random() < 0.5 ? postcode : postcode.replace(' ', '').toLowerCase();
    }),
    search('outward code', (d) => d.pick(samples.postcodes).split(' ')[0]!),
    search('nino', (d) => {
      const nino = d.pick(samples.ninos);
      return d.random() < 0.5 ? spacedNino(nino) : nino.toLowerCase();
    }),
  ];
};

export const queueKinds = (
  { label, user }: BenchUser,
  cursors: Cursors,
  context: { services: readonly string[]; samples: Samples; today: string },
): Kind[] => {
  const { today } = context;
  const page = (name: string, run: (db: Db, draw: Draw, i: number) => Promise<unknown>): Kind => ({
    name: `${label}: ${name}`,
    run: (db, i) => run(db, drawFor(`${label} ${name}`, i), i),
  });
  const pagedQueue = (pages: number) => [...cursors].filter(([, ends]) => ends.length >= pages);
  const pageN = (n: number) => {
    const queues = pagedQueue(n - 1);
    return page(`page ${n} (${queues.length} queues)`, (db, _draw, i) => {
      const [queue, ends] = queues[i % queues.length]!;
      return queuePage(db, { user, today, queue, first: 25, after: ends[n - 2] });
    });
  };
  return [
    ...QUEUE_IDS.map((queue) =>
      page(`page 1 ${queue}`, (db) => queuePage(db, { user, today, queue, first: 25 })),
    ),
    pageN(2),
    pageN(5),
    page('page 1 other sorts', (db, _draw, i) =>
      queuePage(db, {
        user,
        today,
        queue: QUEUE_IDS[i % QUEUE_IDS.length],
        sort: SORTS[Math.floor(i / QUEUE_IDS.length) % SORTS.length],
        first: 25,
      }),
    ),
    ...FILTERS.map((filter) =>
      page(`filter ${filter}`, (db, draw, i) =>
        queuePage(db, {
          user,
          today,
          queue: QUEUE_IDS[i % QUEUE_IDS.length],
          filter: filterOf(filter, draw, context),
          first: 25,
        }),
      ),
    ),
    page('queueCounts', (db) => queueCounts(db, { user, today })),
  ];
};

/** Filters on the list of every case, which no queue narrows first. */
export const allCasesKind = (
  { user }: BenchUser,
  context: { services: readonly string[]; samples: Samples; today: string },
): Kind => ({
  name: 'all cases: filter (each kind in turn)',
  run: (db, i) =>
    queuePage(db, {
      user,
      today: context.today,
      filter: filterOf(FILTERS[i % FILTERS.length]!, drawFor('all cases', i), context),
      first: 25,
    }),
});

/** Walks up to four pages of each of the user's queues, for the page 2 and page 5 kinds. */
export const queueCursors = async (db: Db, { user }: BenchUser, today: string) => {
  const cursors: Cursors = new Map();
  for (const queue of QUEUE_IDS) {
    const ends: string[] = [];
    let after: string | undefined;
    for (let n = 1; n <= 4; n++) {
      const { pageInfo } = await queuePage(db, { user, today, queue, first: 25, after });
      if (!pageInfo.hasNextPage || !pageInfo.endCursor) break;
      ends.push((after = pageInfo.endCursor));
    }
    if (ends.length > 0) cursors.set(queue, ends);
  }
  return cursors;
};
