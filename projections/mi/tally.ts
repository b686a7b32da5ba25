import type { CalendarRegion } from '../../domain/case-type';
import type { CaseTypeRegistry } from '../../domain/case-types';
import { calendarCovers, londonDate, workingDaysBetween } from '../../domain/calendar/working-days';
import type { ApplicationChannel } from '../../domain/channels';
import {
  applicationStartedSchema,
  CASE_STREAM_PREFIX,
  type CaseEvent,
  type CaseEventOf,
} from '../../domain/events';
import { advanceClocks, type ClockState } from '../../domain/sla-clocks';
import { asCaseEvent } from '../../eventstore/case-history';
import type { StoredEvent } from '../../eventstore/port';
import { RATINGS } from './schema';

/**
 * What a batch of events adds to management information, folded in memory: counter
 * increments per service × channel × London day, final decisions, clock results, and the
 * case facts that changed. Pure and deterministic — time comes only from the events.
 */

export interface CaseFact {
  caseId: string;
  service: string;
  channel: ApplicationChannel;
  submittedAt: string;
  clocks: ClockState[];
  /** A decision waiting for a second person: its outcome counts once approved. */
  pendingDecision: { decisionId: string; outcome: string } | null;
}

type Rating = (typeof RATINGS)[number];
type Counter = 'started' | 'submitted' | 'completed' | 'withdrawn' | `rated_${Rating}`;

export interface DailyIncrement extends Record<Counter, number> {
  service: string;
  channel: string;
  day: string;
}

export interface DecisionRow {
  decision_event_id: string;
  case_id: string;
  service: string;
  channel: string;
  day: string;
  outcome: string;
  granted: boolean;
  submitted_at: string;
  decided_at: string;
  working_days: number | null;
}

export interface ClockResultRow {
  case_id: string;
  clock: string;
  service: string;
  channel: string;
  day: string;
  deadline_on: string;
  met: boolean;
}

export interface Tally {
  daily: DailyIncrement[];
  decisions: DecisionRow[];
  clockResults: ClockResultRow[];
  /** Facts new or changed in the batch. */
  facts: CaseFact[];
}

const HOUR_MS = 3_600_000;
const londonDays = new Map<number, string>();

/**
 * `londonDate`, remembered per UTC hour: London's offset from UTC has been a whole number
 * of hours, changing on the hour, since the 19th century, so the date is the same all
 * through a UTC hour — and formatting a date in a time zone costs more than the rest of
 * an event's tally.
 */
const londonDay = (at: string): string => {
  const hour = Math.floor(Date.parse(at) / HOUR_MS);
  const known = londonDays.get(hour);
  if (known !== undefined) return known;
  const day = londonDate(at);
  if (londonDays.size > 100_000) londonDays.clear();
  londonDays.set(hour, day);
  return day;
};

/** Outside the bank holiday data a working-day count would be a guess: leave it out. */
const workingDaysOrNull = (calendar: CalendarRegion | undefined, from: string, to: string) =>
  calendar && calendarCovers(from) && calendarCovers(to)
    ? workingDaysBetween(calendar, from, to)
    : null;

const emptyCounters = (service: string, channel: string, day: string): DailyIncrement => ({
  service,
  channel,
  day,
  started: 0,
  submitted: 0,
  completed: 0,
  withdrawn: 0,
  rated_1: 0,
  rated_2: 0,
  rated_3: 0,
  rated_4: 0,
  rated_5: 0,
});

/** Clocks that stopped with this event, other than by withdrawal, as results. */
const clockStops = (fact: CaseFact, clocks: readonly ClockState[]): ClockResultRow[] =>
  clocks.flatMap((c, i) => {
    const before = fact.clocks[i];
    const stoppedNow = c.stoppedOn !== null && (!before || before.stoppedOn === null);
    if (!stoppedNow || c.withdrawn || c.met === null || c.deadlineOn === null) return [];
    return [
      {
        case_id: fact.caseId,
        clock: c.clock,
        service: fact.service,
        channel: fact.channel,
        day: c.stoppedOn!,
        deadline_on: c.deadlineOn,
        met: c.met,
      },
    ];
  });

const factOf = (event: CaseEventOf<'ApplicationSubmitted'>): CaseFact => ({
  caseId: event.data.caseId,
  service: event.data.caseTypeId,
  channel: event.data.channel,
  submittedAt: event.data.submittedAt,
  clocks: [],
  pendingDecision: null,
});

export const tallyEvents = (
  caseTypes: CaseTypeRegistry,
  events: readonly StoredEvent[],
  known: ReadonlyMap<string, CaseFact>,
): Tally => {
  const daily = new Map<string, DailyIncrement>();
  const decisions: DecisionRow[] = [];
  const clockResults: ClockResultRow[] = [];
  const facts = new Map(known);
  const changed = new Set<string>();

  const count = (fact: Pick<CaseFact, 'service' | 'channel'>, at: string, counter: Counter) => {
    const day = londonDay(at);
    const key = `${fact.service}\u001f${fact.channel}\u001f${day}`;
    const row = daily.get(key) ?? emptyCounters(fact.service, fact.channel, day);
    daily.set(key, row);
    row[counter] += 1;
  };

  const decided = (fact: CaseFact, stored: StoredEvent, outcome: string) => {
    const caseType = caseTypes.byId(fact.service);
    const at = stored.metadata.occurredAt;
    decisions.push({
      decision_event_id: stored.id,
      case_id: fact.caseId,
      service: fact.service,
      channel: fact.channel,
      day: londonDay(at),
      outcome,
      granted: caseType?.outcomes.find((o) => o.id === outcome)?.granted ?? false,
      submitted_at: fact.submittedAt,
      decided_at: at,
      working_days: workingDaysOrNull(
        caseType?.calendar,
        londonDay(fact.submittedAt),
        londonDay(at),
      ),
    });
  };

  /** The case's fact after one of its events, counting what the event adds. */
  const evolveFact = (fact: CaseFact, event: CaseEvent, stored: StoredEvent): CaseFact => {
    const at = stored.metadata.occurredAt;
    switch (event.type) {
      case 'ApplicationSubmitted':
        count(fact, at, 'submitted');
        // Phone, post and assisted digital transactions start and finish in one go.
        if (fact.channel !== 'web') count(fact, at, 'started');
        return fact;
      case 'DecisionRecorded': {
        const { decisionId, outcome, needsApproval } = event.data;
        if (needsApproval) return { ...fact, pendingDecision: { decisionId, outcome } };
        decided(fact, stored, outcome);
        return fact;
      }
      case 'DecisionApproved':
        if (fact.pendingDecision?.decisionId === event.data.decisionId) {
          decided(fact, stored, fact.pendingDecision.outcome);
        }
        return { ...fact, pendingDecision: null };
      case 'DecisionRejected':
        return { ...fact, pendingDecision: null };
      case 'ApplicationWithdrawn':
        count(fact, at, 'withdrawn');
        return { ...fact, pendingDecision: null };
      case 'CaseClosed':
        count(fact, at, 'completed');
        return fact;
      case 'SatisfactionRecorded':
        count(fact, at, `rated_${event.data.rating as Rating}`);
        return fact;
      default:
        return fact;
    }
  };

  for (const stored of events) {
    if (stored.type === 'ApplicationStarted') {
      const start = applicationStartedSchema.safeParse(stored.data);
      if (start.success) count(start.data, stored.metadata.occurredAt, 'started');
      continue;
    }
    if (!stored.streamId.startsWith(CASE_STREAM_PREFIX)) continue;
    const event = asCaseEvent(stored);
    if (!event) continue;
    const before = facts.get(stored.streamId);
    // A case is submitted once; its other events need the fact its submission made.
    const fact =
      event.type === 'ApplicationSubmitted' ? (before ? undefined : factOf(event)) : before;
    if (!fact) continue;
    let next = evolveFact(fact, event, stored);
    const caseType = caseTypes.byId(fact.service);
    if (caseType) {
      const clocks = advanceClocks(fact.clocks, caseType, event, stored.metadata.occurredAt);
      clockResults.push(...clockStops(fact, clocks));
      next = clocks === fact.clocks ? next : { ...next, clocks };
    }
    if (next !== before) changed.add(stored.streamId);
    facts.set(stored.streamId, next);
  }

  return {
    daily: [...daily.values()],
    decisions,
    clockResults,
    facts: [...changed].map((streamId) => facts.get(streamId)!),
  };
};
