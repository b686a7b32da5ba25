import type { Job, JobsOptions, Queue } from 'bullmq';
import { londonDate } from '../../domain/calendar/working-days';
import type { CaseTypeRegistry } from '../../domain/case-types';
import { CASE_STREAM_PREFIX, type CaseEvent } from '../../domain/events';
import { clocksOf, type ClockState } from '../../domain/sla-clocks';
import { asCaseEvent, loadCase, type LoadedCase } from '../../eventstore/case-history';
import { nameBasedId } from '../../eventstore/ids';
import { recordOnCase } from '../../eventstore/case-commands';
import type { EventStore } from '../../eventstore/port';
import { reactorOf, type Projection } from '../../projections/projection';

/**
 * SLA timers. Whenever a case's clocks may have moved (submitted, resumed, extended,
 * reopened), a `plan` job works out each running clock's warning and deadline and
 * schedules a delayed job for each. When one fires it re-reads the case: only if the clock
 * is still running, unpaused and due on that same date (not extended meanwhile) does it
 * record `SlaWarningRaised`, or `SlaBreached` and `CaseEscalated` — with ids derived from
 * the case, clock and date, so a timer that fires twice records them once.
 */
export type SlaJob =
  | { kind: 'plan'; caseId: string }
  | { kind: 'warning' | 'breach'; caseId: string; clock: string; on: string };

const REPLAN_ON = new Set([
  'ApplicationSubmitted',
  'InformationReceived',
  'ClockExtended',
  'CaseReopened',
]);

export const SLA_ACTOR = { id: 'sla-timers', role: 'system' };

/** The instant a London calendar day begins (midnight GMT or BST). */
export const startOfLondonDay = (isoDate: string): Date => {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  const summer = new Date(utcMidnight - 3_600_000);
  return londonDate(summer) === isoDate ? summer : new Date(utcMidnight);
};

const dayAfter = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** When a timer fires: the warning on its day, the breach the day after the deadline. */
const dueAt = (kind: 'warning' | 'breach', on: string) =>
  startOfLondonDay(kind === 'warning' ? on : dayAfter(on));

const timerId = (caseId: string, clock: string, kind: string, on: string) =>
  nameBasedId('sla', caseId, clock, kind, on);

const running = (c: ClockState) => c.stoppedOn === null && c.pausedSince === null;

export interface SlaContext {
  store: EventStore;
  caseTypes: CaseTypeRegistry;
  clock: () => Date;
}

const clocksOfCase = (context: SlaContext, loaded: LoadedCase) => {
  const caseType = context.caseTypes.byId(loaded.state.caseTypeId);
  if (!caseType) return [];
  return clocksOf(
    caseType,
    loaded.events.flatMap((e) => {
      const event = asCaseEvent(e);
      return event ? [{ event, occurredAt: e.metadata.occurredAt }] : [];
    }),
  );
};

const recorded = (loaded: LoadedCase, id: string) => loaded.events.some((e) => e.id === id);

const plan = async (context: SlaContext, queue: Queue, caseId: string, options: JobsOptions) => {
  const loaded = await loadCase(context.store, caseId);
  if (!loaded.state.exists) return 0;
  const now = context.clock().getTime();
  const timers = clocksOfCase(context, loaded)
    .filter(running)
    .flatMap((c) => [
      ...(c.warningOn ? [{ kind: 'warning' as const, clock: c.clock, on: c.warningOn }] : []),
      ...(c.deadlineOn ? [{ kind: 'breach' as const, clock: c.clock, on: c.deadlineOn }] : []),
    ])
    .filter((t) => !recorded(loaded, timerId(caseId, t.clock, t.kind, t.on)));
  await queue.addBulk(
    timers.map((t) => ({
      name: t.kind,
      data: { caseId, ...t } satisfies SlaJob,
      opts: {
        ...options,
        jobId: `sla.${caseId}.${t.clock}.${t.kind}.${t.on}`,
        delay: Math.max(0, dueAt(t.kind, t.on).getTime() - now),
      },
    })),
  );
  return timers.length;
};

const fire = async (context: SlaContext, job: Extract<SlaJob, { kind: 'warning' | 'breach' }>) => {
  const loaded = await loadCase(context.store, job.caseId);
  const clock = clocksOfCase(context, loaded).find((c) => c.clock === job.clock);
  const date = job.kind === 'warning' ? clock?.warningOn : clock?.deadlineOn;
  const now = context.clock();
  if (!clock || !running(clock) || date !== job.on || now < dueAt(job.kind, job.on)) {
    return 'no longer due: the clock stopped, paused or moved';
  }
  const id = timerId(job.caseId, job.clock, job.kind, job.on);
  if (recorded(loaded, id)) return 'already recorded';
  const events: CaseEvent[] =
    job.kind === 'warning'
      ? [{ type: 'SlaWarningRaised', data: { clock: job.clock, warningOn: job.on } }]
      : [
          { type: 'SlaBreached', data: { clock: job.clock, deadlineOn: job.on } },
          ...(loaded.state.priority === 'urgent'
            ? []
            : [
                {
                  type: 'CaseEscalated' as const,
                  data: {
                    reason: `${clock.label} deadline of ${job.on} passed`,
                    previousPriority: loaded.state.priority,
                  },
                },
              ]),
        ];
  // Decided on the case as read: the revision check keeps two timers from both escalating.
  await recordOnCase(
    context.store,
    job.caseId,
    events,
    (i) => (i === 0 ? id : nameBasedId(id, events[i]!.type)),
    {
      actor: SLA_ACTOR,
      channel: 'system',
      correlationId: id,
      causationId: null,
      occurredAt: now.toISOString(),
    },
    loaded.revision,
  );
  return `recorded ${events.map((e) => e.type).join(', ')}`;
};

export const runSlaJob = async (
  context: SlaContext,
  queue: Queue,
  job: Job<SlaJob>,
  options: JobsOptions,
): Promise<string> => {
  const data = job.data;
  if (data.kind === 'plan') {
    return `scheduled ${await plan(context, queue, data.caseId, options)} timers`;
  }
  return fire(context, data);
};

/** The reactor that asks for a plan whenever a case's clocks may have moved. */
export const slaTimersReactor = (queue: Queue, options: JobsOptions): Projection =>
  reactorOf('sla-timers', async (events) => {
    const jobs = events
      .filter((e) => e.streamId.startsWith(CASE_STREAM_PREFIX) && REPLAN_ON.has(e.type))
      .map((e) => ({
        name: 'plan',
        data: { kind: 'plan', caseId: e.streamId.slice(CASE_STREAM_PREFIX.length) } as SlaJob,
        opts: { ...options, jobId: `sla-plan.${e.id}` },
      }));
    if (jobs.length > 0) await queue.addBulk(jobs);
  });
