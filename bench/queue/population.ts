import {
  FIRST_NAMES as SEED_FIRST_NAMES,
  SURNAMES as SEED_SURNAMES,
} from '../../cli/seed/fake-answers';
import type { CalendarRegion, CaseStatus, CaseType } from '../../domain/case-type';
import { stageOf, PRIORITIES } from '../../domain/case-type';
import type { ApplicationChannel } from '../../domain/channels';

/**
 * What a large back office looks like, as weights the fill query draws from: which service
 * and team a case belongs to, how far along it is, who holds it, who applied and where
 * they live. Services, teams, stages, outcomes and service levels come from the real case
 * types; the shares are those of a service a few years into live running.
 */

/** Share of all cases by service; a service not listed gets an equal share of the rest. */
const SERVICE_SHARE: Record<string, number> = {
  'carers-support-payment': 0.5,
  'lasting-power-of-attorney': 0.35,
  'waste-carrier-registration': 0.15,
};
/** The routing default team takes most of a service's cases; specialist teams share the rest. */
const DEFAULT_TEAM_SHARE = 0.65;
const CASEWORKERS = 40;

/**
 * Most cases are finished. Open ones are recent: at most `ageFactor` times the length of
 * the clock that governs them (in calendar days), drawn towards the recent end, so about
 * one in six of those in progress is overdue — a back office with a modest backlog.
 */
export const STATUS_WEIGHTS: readonly {
  status: CaseStatus;
  weight: number;
  open: boolean;
  /** Share of cases in this status that someone holds. */
  assigned: number;
  ageFactor: number;
  /** Governed by the first (shortest) clock rather than the decision clock. */
  firstClock: boolean;
}[] = [
  { status: 'closed', weight: 0.4, open: false, assigned: 0.97, ageFactor: 0, firstClock: false },
  { status: 'decided', weight: 0.31, open: false, assigned: 0.97, ageFactor: 0, firstClock: false },
  {
    status: 'withdrawn',
    weight: 0.03,
    open: false,
    assigned: 0.6,
    ageFactor: 0,
    firstClock: false,
  },
  {
    status: 'in_progress',
    weight: 0.15,
    open: true,
    assigned: 0.88,
    ageFactor: 1.3,
    firstClock: false,
  },
  {
    status: 'received',
    weight: 0.05,
    open: true,
    assigned: 0.05,
    ageFactor: 1.4,
    firstClock: true,
  },
  {
    status: 'awaiting_information',
    weight: 0.04,
    open: true,
    assigned: 1,
    ageFactor: 1.8,
    firstClock: false,
  },
  {
    status: 'awaiting_approval',
    weight: 0.02,
    open: true,
    assigned: 1,
    ageFactor: 1.1,
    firstClock: false,
  },
];

const PRIORITY_WEIGHTS: Record<(typeof PRIORITIES)[number], number> = {
  urgent: 0.015,
  high: 0.085,
  normal: 0.85,
  low: 0.05,
};

/** As cli/commands/seed.ts mixes them. */
const CHANNEL_WEIGHTS: Record<ApplicationChannel, number> = {
  web: 0.7,
  phone: 0.15,
  post: 0.1,
  assisted_digital: 0.05,
};

export const FIRST_NAMES = [
  ...SEED_FIRST_NAMES,
  'Joan',
  'Brian',
  'Elaine',
  'Stuart',
  'Fiona',
  'Graham',
];

export const SURNAMES = [
  ...SEED_SURNAMES,
  'Baker',
  'Carter',
  'Mitchell',
  'Phillips',
  'Parker',
  'Bennett',
  'Cook',
  'Jackson',
  'King',
  'Lee',
  'Martin',
  'Moore',
  'Allen',
  'Young',
  'Scott',
  'Watson',
  'Morris',
  'Bell',
  'Kerr',
  'Reid',
  'Ross',
  'Paterson',
  'Henderson',
  'Mackenzie',
  'Gray',
  'Hamilton',
  'Graham',
  'Kennedy',
  'Anderson',
  'Simpson',
  'Marshall',
  'Sutherland',
  'Ferguson',
  'Duncan',
  'Grant',
  'Mackay',
];

export const TRADES = [
  'Skip Hire',
  'Waste Services',
  'Recycling',
  'Haulage',
  'Clearances',
  'Demolition',
];

/** Real postcode areas with a range of their districts, by the service's calendar. */
const POSTCODE_AREAS: Record<CalendarRegion, readonly [string, number, number][]> = {
  scotland: [
    ['G', 1, 53],
    ['EH', 1, 55],
    ['AB', 10, 56],
    ['DD', 1, 11],
    ['IV', 1, 63],
    ['FK', 1, 21],
    ['PA', 1, 80],
    ['KA', 1, 30],
    ['DG', 1, 16],
    ['KY', 1, 16],
  ],
  'england-and-wales': [
    ['LS', 1, 29],
    ['S', 1, 75],
    ['NG', 1, 34],
    ['BS', 1, 49],
    ['B', 1, 98],
    ['L', 1, 40],
    ['M', 1, 50],
    ['NE', 1, 71],
    ['SE', 1, 28],
    ['CF', 3, 83],
    ['SA', 1, 73],
    ['NP', 4, 44],
    ['LL', 11, 78],
    ['NR', 1, 35],
    ['PL', 1, 35],
    ['LE', 1, 19],
    ['OX', 1, 29],
    ['RG', 1, 45],
  ],
  'northern-ireland': [['BT', 1, 94]],
};

/** Cumulative [lo, hi) ranges, so one uniform draw picks an item by its weight. */
const ranges = <T extends { weight: number }>(items: readonly T[]) => {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let lo = 0;
  return items.map(({ weight, ...item }, k) => {
    const hi = k === items.length - 1 ? 1 : lo + weight / total;
    const range = { ...item, lo, hi };
    lo = hi;
    return range;
  });
};

const calendarDays = (workingDays: number) => Math.ceil((workingDays * 7) / 5);

/** Caseworker ids like `grace.okafor`, distinct, each in one team. */
const staffIds = (count: number) =>
  Array.from({ length: count }, (_, k) => {
    const ascii = (name: string) =>
      name
        .normalize('NFD')
        .replace(/ł/gi, 'l')
        .toLowerCase()
        .replace(/[^a-z]/g, '');
    return `${ascii(FIRST_NAMES[k % FIRST_NAMES.length]!)}.${ascii(SURNAMES[(k * 7) % SURNAMES.length]!)}`;
  });

/** The lookup rows the fill query joins against (snake_case: they become table columns). */
export const population = (caseTypes: readonly CaseType[]) => {
  const listed = caseTypes.filter((t) => SERVICE_SHARE[t.id] !== undefined);
  const rest =
    (1 - listed.reduce((s, t) => s + SERVICE_SHARE[t.id]!, 0)) /
    (caseTypes.length - listed.length || 1);
  const teamShares = caseTypes.flatMap((caseType) => {
    const service = SERVICE_SHARE[caseType.id] ?? rest;
    const others = caseType.teams.length - 1;
    return caseType.teams.map((team) => ({
      caseType,
      team: team.id,
      weight:
        service *
        (others === 0
          ? 1
          : team.id === caseType.routing.defaultTeam
            ? DEFAULT_TEAM_SHARE
            : (1 - DEFAULT_TEAM_SHARE) / others),
    }));
  });
  // Staff in proportion to each team's cases, at least two per team.
  const ids = staffIds(CASEWORKERS);
  let next = 0;
  const sizes = teamShares.map((t) => Math.max(2, Math.round(t.weight * CASEWORKERS)));
  sizes[0]! += CASEWORKERS - sizes.reduce((a, b) => a + b, 0);
  const teams = ranges(teamShares).map((t, k) => {
    const clocks = [...t.caseType.sla].sort((a, b) => a.workingDays - b.workingDays);
    const first = clocks[0]!;
    const decision = clocks.find((c) => c.stopsWhen === 'decided') ?? clocks[clocks.length - 1]!;
    const areas = POSTCODE_AREAS[t.caseType.calendar];
    return {
      team: t.team,
      service: t.caseType.id,
      prefix: t.caseType.referencePrefix,
      lo: t.lo,
      hi: t.hi,
      staff: ids.slice(next, (next += sizes[k]!)),
      name_style:
        t.caseType.applicant.nameFields.length === 1
          ? 'business'
          : t.caseType.applicant.nameFields.length > 2
            ? 'middle'
            : 'person',
      has_nino: t.caseType.fields.some((f) => f.type === 'nino'),
      stages: Object.fromEntries(
        STATUS_WEIGHTS.map((s) => [s.status, stageOf(t.caseType, s.status)]),
      ),
      outcomes: t.caseType.outcomes.map((o) => o.id),
      first_clock: first.clock,
      first_days: calendarDays(first.workingDays),
      first_warn_gap: calendarDays(first.workingDays - first.warningWorkingDays),
      decision_clock: decision.clock,
      decision_days: calendarDays(decision.workingDays),
      decision_warn_gap: calendarDays(decision.workingDays - decision.warningWorkingDays),
      areas: areas.map((a) => a[0]),
      district_from: areas.map((a) => a[1]),
      district_to: areas.map((a) => a[2]),
    };
  });
  return {
    teams,
    statuses: ranges(
      STATUS_WEIGHTS.map((s) => ({
        status: s.status,
        weight: s.weight,
        open: s.open,
        assigned: s.assigned,
        age_factor: s.ageFactor,
        first_clock: s.firstClock,
      })),
    ),
    priorities: ranges(
      PRIORITIES.map((priority, rank) => ({ priority, rank, weight: PRIORITY_WEIGHTS[priority] })),
    ),
    channels: ranges(
      Object.entries(CHANNEL_WEIGHTS).map(([channel, weight]) => ({ channel, weight })),
    ),
  };
};
export type Population = ReturnType<typeof population>;
