import {
  assignedTo,
  closed,
  decisionId,
  decisionRecorded,
  informationRequested,
  requestId,
  submitted,
  tariq,
  triaged,
  withdrawn,
} from '../test/support/given';
import { workingDaysBetween } from './calendar/working-days';
import { defineCaseType, type CaseType } from './case-type';
import carers from './case-types/carers-support-payment';
import lpa from './case-types/lasting-power-of-attorney';
import wasteCarriers from './case-types/waste-carrier-registration';
import type { CaseEvent } from './events';
import {
  advanceClocks,
  clocksOf,
  slaStateOn,
  slaSummary,
  startClocks,
  type ClockState,
} from './sla-clocks';

/*
 * Dates worked out by hand. Scotland (carers-support-payment) has a bank holiday on Monday
 * 2026-08-03 that England does not; England has one on Monday 2026-08-31 that Scotland does
 * not. The bank holiday data ends with 2030.
 */

interface Dated {
  event: CaseEvent;
  occurredAt: string;
}

/** An event mid-morning London time on a date. */
const on = (date: string, event: CaseEvent): Dated => ({ event, occurredAt: `${date}T10:00:00Z` });
const submittedOn = (date: string): Dated =>
  on(date, submitted({ submittedAt: `${date}T09:00:00Z` }));

const informationReceived: CaseEvent = {
  type: 'InformationReceived',
  data: { requestId, summary: 'Three payslips' },
};
const decisionApproved: CaseEvent = {
  type: 'DecisionApproved',
  data: { decisionId, approvedBy: tariq },
};
const extended = (clock: string, workingDays: number): CaseEvent => ({
  type: 'ClockExtended',
  data: { clock, workingDays, reason: 'Complex case' },
});
const reopened: CaseEvent = {
  type: 'CaseReopened',
  data: { reason: 'Applicant appealed', previousStatus: 'withdrawn' },
};

const byClock = (clocks: readonly ClockState[]) =>
  Object.fromEntries(clocks.map((c) => [c.clock, c]));

/** Clocks that more events can happen to (`when`), and what they must then look like. */
interface Clocks {
  clocks: ClockState[];
  when: (...events: Dated[]) => Clocks;
  then: (expected: Record<string, Partial<ClockState>>) => void;
}

const clocksThat = (caseType: CaseType, clocks: ClockState[]): Clocks => ({
  clocks,
  when: (...events) =>
    clocksThat(
      caseType,
      events.reduce(
        (cs, { event, occurredAt }) => advanceClocks(cs, caseType, event, occurredAt),
        clocks,
      ),
    ),
  then: (expected) => expect(byClock(clocks)).toMatchObject(expected),
});

/** Given a history, when more events happen, then the clocks (by id) look like this. */
const given = (caseType: CaseType, ...history: Dated[]) =>
  clocksThat(caseType, clocksOf(caseType, history));

describe('starting the clocks', () => {
  it('starts every clock of the service on the submission date, skipping Scottish bank holidays', () => {
    // Friday 2026-07-31; Monday 2026-08-03 is a Scottish bank holiday, so day 1 is Tuesday 08-04.
    given(carers, submittedOn('2026-07-31')).then({
      'first-response': {
        label: 'Claim triaged',
        startedOn: '2026-07-31',
        warningOn: '2026-08-06',
        deadlineOn: '2026-08-10',
        stoppedOn: null,
        met: null,
        withdrawn: false,
      },
      decision: { startedOn: '2026-07-31', warningOn: '2026-08-24', deadlineOn: '2026-08-31' },
    });
  });

  it('counts in the service’s own calendar: in England day 1 is Monday 08-03', () => {
    given(wasteCarriers, submittedOn('2026-07-31')).then({
      'first-response': { warningOn: '2026-08-04', deadlineOn: '2026-08-05' },
      decision: { warningOn: '2026-08-11', deadlineOn: '2026-08-14' },
    });
  });

  it('starts on the London date of submittedAt, not the UTC date nor when it was keyed', () => {
    // 23:30 UTC on Thursday is 00:30 BST on Friday; the paper claim was keyed in days later.
    const keyedLate = {
      event: submitted({ submittedAt: '2026-07-30T23:30:00Z' }),
      occurredAt: '2026-08-05T10:00:00Z',
    };
    given(carers, keyedLate).then({
      'first-response': { startedOn: '2026-07-31', deadlineOn: '2026-08-10' },
    });
  });

  it.each([
    ['2026-12-30T23:30:00Z', '2026-12-30'], // GMT: still Wednesday in London
    ['2026-07-31T00:30:00+01:00', '2026-07-31'], // written with the BST offset
    ['2026-07-30T22:59:59.999Z', '2026-07-30'],
    ['2026-07-30T23:00:00Z', '2026-07-31'], // midnight BST
  ])('takes %s as London date %s', (submittedAt, startedOn) => {
    expect(startClocks(carers, submittedAt)[0]?.startedOn).toBe(startedOn);
  });

  it('starts the same clocks from startClocks as from the submission event', () => {
    expect(startClocks(carers, '2026-07-31T09:00:00Z')).toEqual(
      given(carers, submittedOn('2026-07-31')).clocks,
    );
  });

  it('does not restart the clocks if the submission is delivered again', () => {
    const { clocks } = given(carers, submittedOn('2026-07-31'), on('2026-08-04', triaged));
    expect(advanceClocks(clocks, carers, submitted(), '2026-08-05T10:00:00Z')).toBe(clocks);
  });
});

describe('pausing while awaiting information', () => {
  const history = [
    submittedOn('2026-07-27'),
    on('2026-07-28', triaged),
    on('2026-07-30', informationRequested),
  ];

  it('pauses every running clock and hides its dates; stopped clocks are untouched', () => {
    given(carers, ...history).then({
      'first-response': { stoppedOn: '2026-07-28', met: true, deadlineOn: '2026-08-04' },
      decision: { pausedSince: '2026-07-30', warningOn: null, deadlineOn: null, met: null },
    });
  });

  it('resumes with the deadline pushed back by the working days paused, bank holiday excluded', () => {
    // Paused Thursday 07-30 to Wednesday 08-05: 07-31, 08-04 and 08-05 (08-03 is a holiday).
    given(carers, ...history)
      .when(on('2026-08-05', informationReceived))
      .then({
        decision: {
          pausedSince: null,
          pausedWorkingDays: 3,
          warningOn: '2026-08-21',
          deadlineOn: '2026-08-28',
        },
      });
  });

  it('counts nothing for a request answered the same day', () => {
    given(carers, submittedOn('2026-07-31'))
      .when(on('2026-08-04', informationRequested), on('2026-08-04', informationReceived))
      .then({ decision: { pausedWorkingDays: 0, deadlineOn: '2026-08-31' } });
  });

  it('reports the case as paused, with no next dates', () => {
    const { clocks } = given(carers, ...history);
    expect(slaSummary(clocks, 'scotland')).toEqual({
      nextDeadline: null,
      nextWarning: null,
      dueSoonFrom: null,
      paused: true,
    });
    expect(slaStateOn(clocks, '2026-09-30')).toBe('paused');
  });
});

describe('extending a clock', () => {
  const history = [submittedOn('2026-07-31'), on('2026-08-04', triaged)];

  it('adds working days to a running clock', () => {
    given(carers, ...history)
      .when(on('2026-08-20', extended('decision', 10)))
      .then({
        decision: { extendedWorkingDays: 10, warningOn: '2026-09-07', deadlineOn: '2026-09-14' },
      });
  });

  it('adds working days to a paused clock, which count once it resumes', () => {
    // 20 + 10 + 5 extended + 3 paused (08-24, 08-25, 08-26) = 38 working days.
    const paused = given(carers, ...history).when(
      on('2026-08-20', extended('decision', 10)),
      on('2026-08-21', informationRequested),
      on('2026-08-24', extended('decision', 5)),
    );
    paused.then({ decision: { extendedWorkingDays: 15, deadlineOn: null } });
    paused.when(on('2026-08-26', informationReceived)).then({
      decision: {
        extendedWorkingDays: 15,
        pausedWorkingDays: 3,
        warningOn: '2026-09-17',
        deadlineOn: '2026-09-24',
      },
    });
  });

  it('ignores an extension of a stopped clock or of a clock the service does not have', () => {
    const { clocks } = given(carers, ...history);
    const at = '2026-08-05T10:00:00Z';
    expect(advanceClocks(clocks, carers, extended('first-response', 5), at)).toBe(clocks);
    expect(advanceClocks(clocks, carers, extended('appeal', 5), at)).toBe(clocks);
  });
});

describe('stopping a clock', () => {
  const claim = submittedOn('2026-07-31');

  it('is met when it stops on its deadline day', () => {
    given(carers, claim)
      .when(on('2026-08-10', triaged))
      .then({ 'first-response': { stoppedOn: '2026-08-10', met: true }, decision: { met: null } });
  });

  it('is missed when it stops the day after', () => {
    given(carers, claim)
      .when(on('2026-08-11', triaged))
      .then({ 'first-response': { stoppedOn: '2026-08-11', met: false } });
  });

  it('stops the decision clock at a decision that needs no approval', () => {
    const { clocks } = given(carers, claim, on('2026-08-04', triaged)).when(
      on('2026-08-31', decisionRecorded('awarded', false)),
    );
    expect(byClock(clocks).decision).toMatchObject({ stoppedOn: '2026-08-31', met: true });
    expect(slaStateOn(clocks, '2026-09-30')).toBe('met');
  });

  it('stops the decision clock only when a decision needing approval is approved', () => {
    const decided = given(carers, claim, on('2026-08-04', triaged)).when(
      on('2026-08-28', decisionRecorded('refused', true)),
    );
    decided.then({ decision: { stoppedOn: null, deadlineOn: '2026-08-31' } });
    const { clocks } = decided.when(on('2026-09-01', decisionApproved));
    expect(byClock(clocks).decision).toMatchObject({ stoppedOn: '2026-09-01', met: false });
    expect(slaStateOn(clocks, '2026-09-30')).toBe('missed');
  });

  it('ends a pause first when a clock stops while paused', () => {
    // Paused 08-04 to 08-06: two working days, so the deadline moves from 08-10 to 08-12.
    given(carers, claim, on('2026-08-04', informationRequested))
      .when(on('2026-08-06', triaged))
      .then({
        'first-response': {
          pausedSince: null,
          pausedWorkingDays: 2,
          deadlineOn: '2026-08-12',
          stoppedOn: '2026-08-06',
          met: true,
        },
        decision: { pausedSince: '2026-08-04' },
      });
  });

  it('does not stop again, nor restart when the case is reopened', () => {
    const { clocks } = given(carers, claim, on('2026-08-04', triaged));
    const later = '2026-08-20T10:00:00Z';
    expect(advanceClocks(clocks, carers, triaged, later)).toBe(clocks);
    expect(advanceClocks(clocks, carers, reopened, later)).toBe(clocks);
  });

  it('changes nothing on events that have no bearing on service levels', () => {
    const { clocks } = given(carers, claim);
    const later = '2026-08-05T10:00:00Z';
    const note: CaseEvent = {
      type: 'NoteAdded',
      data: { noteId: requestId, personal: { text: 'Called' } },
    };
    expect(advanceClocks(clocks, carers, note, later)).toBe(clocks);
    expect(advanceClocks(clocks, carers, informationReceived, later)).toBe(clocks);
    expect(advanceClocks(clocks, carers, assignedTo('alice'), later)).toBe(clocks);
  });

  it('never changes the clocks it is given', () => {
    const { clocks } = given(carers, claim);
    const frozen = clocks.map((c) => Object.freeze({ ...c }));
    Object.freeze(frozen);
    const snapshot = structuredClone(frozen);
    [informationRequested, informationReceived, extended('decision', 2), triaged, withdrawn].reduce(
      (cs, event) => advanceClocks(cs, carers, event, '2026-08-05T10:00:00Z'),
      frozen,
    );
    expect(frozen).toEqual(snapshot);
  });
});

describe('withdrawing an application', () => {
  it('stops every open clock, neither met nor missed, ending a pause first', () => {
    // Paused Wednesday 08-05 to Friday 08-07: two working days.
    given(carers, submittedOn('2026-07-31'), on('2026-08-05', informationRequested))
      .when(on('2026-08-07', withdrawn))
      .then({
        'first-response': {
          pausedSince: null,
          pausedWorkingDays: 2,
          warningOn: '2026-08-10',
          deadlineOn: '2026-08-12',
          stoppedOn: '2026-08-07',
          met: null,
          withdrawn: true,
        },
        decision: {
          pausedWorkingDays: 2,
          warningOn: '2026-08-26',
          deadlineOn: '2026-09-02',
          stoppedOn: '2026-08-07',
          met: null,
          withdrawn: true,
        },
      });
  });

  it('leaves a clock that had already stopped as it was', () => {
    given(carers, submittedOn('2026-07-31'), on('2026-08-11', triaged))
      .when(on('2026-08-12', withdrawn))
      .then({
        'first-response': { stoppedOn: '2026-08-11', met: false, withdrawn: false },
        decision: { stoppedOn: '2026-08-12', met: null, withdrawn: true },
      });
  });

  it('counts as no service level at all, and reopening does not restart the clocks', () => {
    const { clocks } = given(carers, submittedOn('2026-07-31'), on('2026-08-04', withdrawn));
    expect(slaStateOn(clocks, '2026-09-30')).toBe('none');
    expect(slaSummary(clocks, 'scotland')).toEqual({
      nextDeadline: null,
      nextWarning: null,
      dueSoonFrom: null,
      paused: false,
    });
    expect(advanceClocks(clocks, carers, reopened, '2026-08-05T10:00:00Z')).toBe(clocks);
  });
});

describe('the state of a case on a day', () => {
  const { clocks: fresh } = given(carers, submittedOn('2026-07-31'));
  const { clocks: triagedOnTime } = given(
    carers,
    submittedOn('2026-07-31'),
    on('2026-08-04', triaged),
  );

  it.each([
    { clocks: fresh, today: '2026-08-05', state: 'on_track', why: 'before the warning' },
    { clocks: fresh, today: '2026-08-06', state: 'warning', why: 'the warning day itself' },
    { clocks: fresh, today: '2026-08-10', state: 'warning', why: 'the deadline day itself' },
    { clocks: fresh, today: '2026-08-11', state: 'overdue', why: 'the day after the deadline' },
    { clocks: triagedOnTime, today: '2026-08-11', state: 'on_track', why: 'the decision clock' },
    { clocks: triagedOnTime, today: '2026-08-24', state: 'warning', why: 'its warning day' },
    { clocks: triagedOnTime, today: '2026-08-31', state: 'warning', why: 'its deadline day' },
    { clocks: triagedOnTime, today: '2026-09-01', state: 'overdue', why: 'the day after' },
  ] as const)('is $state on $today, $why', ({ clocks, today, state }) => {
    expect(slaStateOn(clocks, today)).toBe(state);
  });

  it('is none for a case without clocks', () => {
    expect(slaStateOn([], '2026-08-05')).toBe('none');
  });
});

describe('the summary a queue sorts on', () => {
  it('is due soon from 5 working days before the next deadline, skipping bank holidays', () => {
    // First-response deadline Friday 08-07; counting back over Monday 08-03 (a holiday).
    const { clocks } = given(carers, submittedOn('2026-07-30'));
    expect(slaSummary(clocks, 'scotland')).toEqual({
      nextDeadline: '2026-08-07',
      nextWarning: '2026-08-05',
      dueSoonFrom: '2026-07-30',
      paused: false,
    });
    expect(workingDaysBetween('scotland', '2026-07-30', '2026-08-07')).toBe(5);
    expect(slaSummary(clocks, 'england-and-wales').dueSoonFrom).toBe('2026-07-31');
  });

  it('counts back over Christmas and New Year into the previous year', () => {
    // Tuesday 2025-12-23; Scotland: 25, 26 December and 1, 2 January are bank holidays.
    const { clocks } = given(carers, submittedOn('2025-12-23'));
    expect(slaSummary(clocks, 'scotland')).toMatchObject({
      nextDeadline: '2026-01-05',
      dueSoonFrom: '2025-12-23',
    });
  });

  it('counts back past the start of the data as Monday to Friday', () => {
    // Thursday 2020-01-02, England: 2020-01-01 is a holiday; 2019 is outside the data.
    const { clocks } = given(wasteCarriers, submittedOn('2020-01-02'));
    expect(slaSummary(clocks, 'england-and-wales')).toMatchObject({
      nextDeadline: '2020-01-07',
      dueSoonFrom: '2019-12-30',
    });
  });

  it('moves on to the next running clock once the first stops', () => {
    const { clocks } = given(carers, submittedOn('2026-07-31'), on('2026-08-04', triaged));
    expect(slaSummary(clocks, 'scotland')).toEqual({
      nextDeadline: '2026-08-31',
      nextWarning: '2026-08-24',
      dueSoonFrom: '2026-08-24',
      paused: false,
    });
  });
});

describe('several clocks, one per lifecycle moment', () => {
  const everyMoment = defineCaseType({
    ...wasteCarriers,
    id: 'every-moment',
    sla: [
      {
        clock: 'checked',
        label: 'Checked',
        stopsWhen: 'triaged',
        workingDays: 2,
        warningWorkingDays: 1,
      },
      {
        clock: 'allocated',
        label: 'Allocated',
        stopsWhen: 'assigned',
        workingDays: 3,
        warningWorkingDays: 2,
      },
      {
        clock: 'decided',
        label: 'Decided',
        stopsWhen: 'decided',
        workingDays: 10,
        warningWorkingDays: 7,
      },
      {
        clock: 'closed',
        label: 'Closed',
        stopsWhen: 'closed',
        workingDays: 15,
        warningWorkingDays: 12,
      },
    ],
  });
  // Monday 2026-03-02, England: no bank holidays until Good Friday 04-03.
  const claim = submittedOn('2026-03-02');

  it('runs each clock to its own deadline', () => {
    given(everyMoment, claim).then({
      checked: { warningOn: '2026-03-03', deadlineOn: '2026-03-04' },
      allocated: { warningOn: '2026-03-04', deadlineOn: '2026-03-05' },
      decided: { warningOn: '2026-03-11', deadlineOn: '2026-03-16' },
      closed: { warningOn: '2026-03-18', deadlineOn: '2026-03-23' },
    });
  });

  it('stops each clock at its own moment, met or missed independently', () => {
    const history = given(
      everyMoment,
      claim,
      on('2026-03-03', triaged),
      on('2026-03-06', assignedTo('alice')),
    );
    expect(slaSummary(history.clocks, 'england-and-wales')).toMatchObject({
      nextDeadline: '2026-03-16',
      nextWarning: '2026-03-11',
    });
    history
      .when(
        on('2026-03-10', decisionRecorded('refused', true)),
        on('2026-03-12', decisionApproved),
        on('2026-03-24', closed),
      )
      .then({
        checked: { stoppedOn: '2026-03-03', met: true },
        allocated: { stoppedOn: '2026-03-06', met: false },
        decided: { stoppedOn: '2026-03-12', met: true },
        closed: { stoppedOn: '2026-03-24', met: false },
      });
  });
});

describe('beyond the bank holiday data (2020 to 2030)', () => {
  // Monday 2030-11-25, England: Christmas 2030 is skipped; 2031-01-01 counts as a working day.
  const history = [submittedOn('2030-11-25'), on('2030-11-27', triaged)];

  it('counts Monday to Friday past the end of the data instead of failing', () => {
    given(lpa, ...history).then({
      'first-response': { warningOn: '2030-12-04', deadlineOn: '2030-12-09' },
      decision: { warningOn: '2031-01-08', deadlineOn: '2031-01-22' },
    });
    const { clocks } = given(lpa, ...history);
    expect(slaSummary(clocks, lpa.calendar).dueSoonFrom).toBe('2031-01-15');
    expect(slaStateOn(clocks, '2031-01-23')).toBe('overdue');
  });

  it('counts a pause that crosses into 2031', () => {
    // Paused Friday 12-20 to Monday 01-06: 23, 24, 27, 30, 31 December and 1, 2, 3, 6 January.
    given(lpa, ...history)
      .when(on('2030-12-20', informationRequested), on('2031-01-06', informationReceived))
      .then({
        decision: { pausedWorkingDays: 9, warningOn: '2031-01-21', deadlineOn: '2031-02-04' },
      });
  });

  it('runs clocks started wholly after the data, Good Friday 2031 included as a working day', () => {
    given(lpa, submittedOn('2031-03-03')).then({
      'first-response': { warningOn: '2031-03-12', deadlineOn: '2031-03-17' },
      decision: { warningOn: '2031-04-14', deadlineOn: '2031-04-28' },
    });
  });
});
