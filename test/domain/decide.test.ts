import { CASE_STATUSES, type CaseStatus } from '../../domain/case-type';
import { foldCase } from '../../domain/case-state';
import carers from '../../domain/case-types/carers-support-payment';
import lpa from '../../domain/case-types/lasting-power-of-attorney';
import type { CaseCommand } from '../../domain/commands';
import { InvalidTransition, NotAllowed, ValidationFailed } from '../../domain/errors';
import {
  alice,
  assignedTo,
  command,
  decisionId,
  decisionRecorded,
  given,
  histories,
  informationRequested,
  requestId,
  submitted,
  tariq,
  triaged,
} from '../support/given';

const documentId = '3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b';
const sha256 = 'a'.repeat(64);

describe('submitting an application', () => {
  it('records the answers, keeping personal data apart, routed to a team', () => {
    const [event] = given([])
      .when(
        command('SubmitApplication', {
          caseId: '0b9a7c1e-8d4f-4c7e-9a51-2f0d6b3e9c11',
          reference: 'CSP-2026-000001',
          caseTypeId: 'carers-support-payment',
          channel: 'phone',
          answers: {
            firstName: 'Morag',
            lastName: 'Sample',
            dateOfBirth: '1968-04-12',
            nationalInsuranceNumber: 'ab 12 34 56 c',
            address: { line1: '1 High Street', town: 'Glasgow', postcode: 'g12 8qq' },
            phone: '07700 900123',
            cares35HoursOrMore: 'yes',
            fullTimeEducation: 'yes',
            courseDetails: 'BSc Nursing, University of Glasgow',
            selfEmployed: 'no',
            weeklyEarnings: '£95.50',
            caredForFirstName: 'Dougal',
            caredForLastName: 'Sample',
            caredForDateOfBirth: '1940-09-30',
            relationship: 'parent',
            qualifyingBenefit: 'attendance-allowance',
            caredForAddress: { line1: '3 Example Wynd', town: 'Paisley', postcode: 'PA1 2BX' },
          },
          submittedAt: '2026-03-02T09:00:00Z',
          keyedBy: alice,
          externalReference: null,
          fingerprint: 'x',
        }),
      )
      .events();
    expect(event?.type).toBe('ApplicationSubmitted');
    if (event?.type !== 'ApplicationSubmitted') return;
    expect(event.data.team).toBe('student-carers');
    expect(event.data.keyedBy).toEqual(alice);
    expect(event.data.answers).toMatchObject({ weeklyEarnings: 9550, cares35HoursOrMore: true });
    expect(event.data.personal.answers).toMatchObject({
      nationalInsuranceNumber: 'AB123456C',
      phone: '+447700900123',
      address: { postcode: 'G12 8QQ' },
    });
    expect(event.data.answers).not.toHaveProperty('firstName');
    expect(event.data.answers).not.toHaveProperty('nationalInsuranceNumber');
  });

  it('refuses invalid answers, listing every problem with its path', () => {
    const run = given([]).when(
      command('SubmitApplication', {
        caseId: '0b9a7c1e-8d4f-4c7e-9a51-2f0d6b3e9c11',
        reference: 'CSP-2026-000002',
        caseTypeId: 'carers-support-payment',
        channel: 'web',
        answers: {
          firstName: 'Morag',
          address: { line1: '1 High St', town: 'Glasgow', postcode: 'NOPE' },
          shoeSize: 9,
        },
        submittedAt: '2026-03-02T09:00:00Z',
        keyedBy: null,
        externalReference: null,
        fingerprint: 'x',
      }),
    ).events;
    expect(run).toThrow(ValidationFailed);
    try {
      run();
    } catch (error) {
      const paths = (error as ValidationFailed).errors.map((e) => e.path.join('.'));
      expect(paths).toEqual(
        expect.arrayContaining([
          'answers.lastName',
          'answers.address.postcode',
          'answers.shoeSize',
        ]),
      );
    }
  });

  it('refuses a second submission of the same case', () => {
    given([submitted()])
      .when(
        command('SubmitApplication', {
          caseId: '0b9a7c1e-8d4f-4c7e-9a51-2f0d6b3e9c11',
          reference: 'x',
          caseTypeId: 'carers-support-payment',
          channel: 'web',
          answers: {},
          submittedAt: '2026-03-02T09:00:00Z',
          keyedBy: null,
          externalReference: null,
          fingerprint: 'x',
        }),
      )
      .thenRefuses(InvalidTransition, 'already been submitted');
  });
});

describe('when an application can have been submitted', () => {
  // The command is given at 2026-03-02T10:00:00Z (see support/given.ts).
  const submission = (submittedAt: string, answers: Record<string, unknown> = {}) =>
    command('SubmitApplication', {
      caseId: '0b9a7c1e-8d4f-4c7e-9a51-2f0d6b3e9c11',
      reference: 'CSP-2026-000003',
      caseTypeId: 'carers-support-payment',
      channel: 'post',
      answers: { ...carers.example, ...answers },
      submittedAt,
      keyedBy: alice,
      externalReference: null,
      fingerprint: 'x',
    });

  it('accepts any time from the day the service opened until now, allowing for clock skew', () => {
    for (const at of [
      '2018-09-03T00:00:00Z',
      '2026-03-02T10:04:59Z',
      '2026-03-02T11:04:00+01:00',
    ]) {
      expect(given([]).when(submission(at)).events()).toHaveLength(1);
    }
  });

  it('refuses a time in the future, before the service opened, or outside any sane window', () => {
    given([])
      .when(submission('2026-03-02T10:05:01Z'))
      .thenRefuses(ValidationFailed, 'not in the future');
    given([])
      .when(submission('2018-09-02T12:00:00Z'))
      .thenRefuses(ValidationFailed, 'on or after 2018-09-03, when Carer Support Payment opened');
    for (const hostile of [
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+002026-03-02T09:00:00Z',
      'NaN',
    ]) {
      given([]).when(submission(hostile)).thenRefuses(ValidationFailed, 'submittedAt');
    }
  });

  it('refuses a date of birth later than the day the application was made', () => {
    given([])
      .when(submission('2026-03-01T09:00:00Z', { dateOfBirth: '2026-03-02' }))
      .thenRefuses(ValidationFailed, 'answers.dateOfBirth: Enter a date on or before 2026-03-01');
    expect(
      given([])
        .when(submission('2026-03-01T09:00:00Z', { dateOfBirth: '2026-03-01' }))
        .events(),
    ).toHaveLength(1);
  });
});

describe('amending answers', () => {
  it('records field-level before and after, personal changes kept apart', () => {
    given([submitted(), triaged])
      .when(
        command('AmendAnswers', {
          changes: { weeklyEarnings: '130', lastName: 'Sample-Smith' },
          reason: 'Phoned in',
        }),
      )
      .then([
        {
          type: 'AnswersAmended',
          data: {
            reason: 'Phoned in',
            changes: [{ field: 'weeklyEarnings', before: 12000, after: 13000 }],
            personal: { changes: [{ field: 'lastName', before: 'Sample', after: 'Sample-Smith' }] },
          },
        },
      ]);
  });

  it('refuses an amendment that changes nothing, or leaves invalid answers', () => {
    given([submitted()])
      .when(command('AmendAnswers', { changes: { weeklyEarnings: '120.00' }, reason: 'Check' }))
      .thenRefuses(ValidationFailed, 'changes no answers');
    given([submitted()])
      .when(command('AmendAnswers', { changes: { weeklyEarnings: 'lots' }, reason: 'Oops' }))
      .thenRefuses(ValidationFailed, 'changes.weeklyEarnings');
  });
});

describe('documents, triage, assignment and teams', () => {
  it('attaches a document as evidence with its checksum', () => {
    given([submitted()])
      .when(
        command('AttachDocument', {
          documentId,
          evidenceType: 'proof-of-earnings',
          filename: 'payslip.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 1024,
          sha256,
        }),
      )
      .then([
        {
          type: 'DocumentAttached',
          data: {
            documentId,
            evidenceType: 'proof-of-earnings',
            filename: 'payslip.pdf',
            mediaType: 'application/pdf',
            sizeBytes: 1024,
            sha256,
          },
        },
      ]);
  });

  it('refuses the same document twice and evidence the service does not ask for', () => {
    const attach = command('AttachDocument', {
      documentId,
      evidenceType: 'proof-of-earnings',
      filename: 'p.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 1,
      sha256,
    });
    given([
      submitted(),
      {
        type: 'DocumentAttached',
        data: {
          documentId,
          evidenceType: 'proof-of-earnings',
          filename: 'p.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 1,
          sha256,
        },
      },
    ])
      .when(attach)
      .thenRefuses(ValidationFailed, 'already attached');
    given([submitted()])
      .when(
        command('AttachDocument', {
          documentId,
          evidenceType: 'passport',
          filename: 'p.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 1,
          sha256,
        }),
      )
      .thenRefuses(ValidationFailed, 'evidenceType');
  });

  it('triages into a team with a priority, which starts work on the case', () => {
    const events = [submitted()];
    given(events)
      .when(command('TriageCase', { priority: 'urgent', team: 'earnings-assessment' }))
      .then([
        {
          type: 'CaseTriaged',
          data: { priority: 'urgent', team: 'earnings-assessment', previousTeam: 'carer-claims' },
        },
      ]);
    given(events)
      .when(command('TriageCase', { priority: 'high', team: 'nowhere' }))
      .thenRefuses(ValidationFailed, 'not a team');
  });

  it('assigns, reassigns and unassigns', () => {
    given([submitted(), triaged])
      .when(command('AssignCase', { assignee: 'alice' }))
      .then([{ type: 'CaseAssigned', data: { assignee: 'alice', previousAssignee: null } }]);
    given([submitted(), assignedTo('alice')])
      .when(command('AssignCase', { assignee: 'bob' }))
      .then([{ type: 'CaseAssigned', data: { assignee: 'bob', previousAssignee: 'alice' } }]);
    given([submitted(), assignedTo('alice')])
      .when(command('AssignCase', { assignee: 'alice' }))
      .thenRefuses(ValidationFailed, 'already assigned');
    given([submitted(), assignedTo('alice')])
      .when(command('UnassignCase', {}))
      .then([{ type: 'CaseUnassigned', data: { previousAssignee: 'alice' } }]);
    given([submitted(), triaged])
      .when(command('UnassignCase', {}))
      .thenRefuses(InvalidTransition, 'not assigned');
  });

  it('transfers to another team, leaving it unassigned', () => {
    const history = [submitted(), assignedTo('alice')];
    given(history)
      .when(command('TransferTeam', { team: 'student-carers', reason: 'Applicant is at college' }))
      .then([
        {
          type: 'CaseTransferred',
          data: {
            fromTeam: 'carer-claims',
            toTeam: 'student-carers',
            reason: 'Applicant is at college',
          },
        },
      ]);
    expect(
      foldCase([
        ...history,
        {
          type: 'CaseTransferred',
          data: { fromTeam: 'carer-claims', toTeam: 'student-carers', reason: 'x' },
        },
      ]).assignee,
    ).toBeNull();
    given(history)
      .when(command('TransferTeam', { team: 'carer-claims', reason: 'x' }))
      .thenRefuses(ValidationFailed, 'already with this team');
    given(history)
      .when(command('TransferTeam', { team: 'mars', reason: 'x' }))
      .thenRefuses(ValidationFailed, 'not a team');
  });
});

describe('information requests', () => {
  it('asks for information, which pauses the case until it arrives', () => {
    given([submitted(), triaged])
      .when(
        command('RequestInformation', {
          requestId,
          items: ['Recent payslips'],
          message: 'Please send your last three payslips',
        }),
      )
      .then([informationRequested]);
    given([submitted(), triaged, informationRequested])
      .when(command('RecordInformationReceived', { summary: 'Three payslips by post' }))
      .then([
        { type: 'InformationReceived', data: { requestId, summary: 'Three payslips by post' } },
      ]);
  });
});

describe('notes', () => {
  it('adds a note in any status', () => {
    for (const history of Object.values(histories)) {
      given(history)
        .when(command('AddNote', { noteId: requestId, text: 'Called the applicant' }))
        .then([
          {
            type: 'NoteAdded',
            data: { noteId: requestId, personal: { text: 'Called the applicant' } },
          },
        ]);
    }
  });
});

describe('decisions and four-eyes approval', () => {
  it('records a decision that needs no approval as decided', () => {
    given([submitted(), triaged])
      .when(
        command('RecordDecision', {
          decisionId,
          outcome: 'awarded',
          reasons: 'Meets the caring conditions',
        }),
      )
      .then([decisionRecorded('awarded', false)]);
  });

  it('sends a refusal for approval, which its author cannot give', () => {
    given([submitted(), triaged])
      .when(
        command('RecordDecision', {
          decisionId,
          outcome: 'refused',
          reasons: 'Meets the caring conditions',
        }),
      )
      .then([decisionRecorded('refused', true)]);
    const pending = [submitted(), triaged, decisionRecorded('refused', true)];
    given(pending).when(command('ApproveDecision', {})).thenRefuses(NotAllowed, 'someone other');
    given(pending)
      .when(command('RejectDecision', { reason: 'x' }))
      .thenRefuses(NotAllowed, 'someone other');
    given(pending)
      .when(command('ApproveDecision', { actor: tariq }))
      .then([{ type: 'DecisionApproved', data: { decisionId, approvedBy: tariq } }]);
    given(pending)
      .when(command('RejectDecision', { actor: tariq, reason: 'Check the hours again' }))
      .then([
        {
          type: 'DecisionRejected',
          data: { decisionId, rejectedBy: tariq, reason: 'Check the hours again' },
        },
      ]);
    expect(
      foldCase([
        ...pending,
        { type: 'DecisionRejected', data: { decisionId, rejectedBy: tariq, reason: 'x' } },
      ]).status,
    ).toBe('in_progress');
    expect(
      foldCase([...pending, { type: 'DecisionApproved', data: { decisionId, approvedBy: tariq } }]),
    ).toMatchObject({ status: 'decided', outcome: 'refused' });
  });

  it('refuses an outcome the service does not have', () => {
    given([submitted(), triaged])
      .when(command('RecordDecision', { decisionId, outcome: 'maybe', reasons: 'x' }))
      .thenRefuses(ValidationFailed, 'Choose one of');
  });

  it('will not grant without the evidence the service requires', () => {
    const required = lpa.evidence.filter((e) => e.required);
    expect(required.length).toBeGreaterThan(0);
    const granted = lpa.outcomes.find((o) => o.granted)!.id;
    given([submitted({ caseTypeId: lpa.id }), triaged], lpa)
      .when(command('RecordDecision', { decisionId, outcome: granted, reasons: 'All in order' }))
      .thenRefuses(ValidationFailed, 'Cannot grant without');
  });
});

describe('closing, withdrawing and reopening', () => {
  it('closes a decided case, withdraws an open one and reopens either', () => {
    given(histories.decided)
      .when(command('CloseCase', {}))
      .then([{ type: 'CaseClosed', data: { outcome: 'awarded' } }]);
    given(histories.in_progress)
      .when(command('WithdrawApplication', { reason: 'No longer caring' }))
      .then([{ type: 'ApplicationWithdrawn', data: { reason: 'No longer caring' } }]);
    given(histories.closed)
      .when(command('ReopenCase', { reason: 'Appeal upheld' }))
      .then([
        { type: 'CaseReopened', data: { reason: 'Appeal upheld', previousStatus: 'closed' } },
      ]);
    given(histories.withdrawn)
      .when(command('ReopenCase', { reason: 'Withdrawn in error' }))
      .then([
        {
          type: 'CaseReopened',
          data: { reason: 'Withdrawn in error', previousStatus: 'withdrawn' },
        },
      ]);
  });
});

describe('service-level clocks and satisfaction', () => {
  it('extends a clock the service has, and no other', () => {
    given(histories.in_progress)
      .when(
        command('ExtendClock', { clock: 'decision', workingDays: 10, reason: 'Complex earnings' }),
      )
      .then([
        {
          type: 'ClockExtended',
          data: { clock: 'decision', workingDays: 10, reason: 'Complex earnings' },
        },
      ]);
    given(histories.in_progress)
      .when(command('ExtendClock', { clock: 'lunch', workingDays: 1, reason: 'x' }))
      .thenRefuses(ValidationFailed, 'Choose one of');
  });

  it('records satisfaction once per case, in any status', () => {
    for (const history of Object.values(histories)) {
      given(history)
        .when(command('RecordSatisfaction', { rating: 4, comment: null }))
        .then([{ type: 'SatisfactionRecorded', data: { rating: 4, personal: { comment: null } } }]);
    }
    given([
      ...histories.closed,
      { type: 'SatisfactionRecorded', data: { rating: 5, personal: { comment: null } } },
    ])
      .when(command('RecordSatisfaction', { rating: 1, comment: 'Changed my mind' }))
      .thenRefuses(ValidationFailed, 'already been recorded');
  });
});

describe('every command is refused in the statuses it does not apply to', () => {
  const commands: [CaseCommand, CaseStatus[]][] = [
    [
      command('AmendAnswers', { changes: { weeklyEarnings: '99' }, reason: 'x' }),
      ['received', 'in_progress', 'awaiting_information', 'awaiting_approval'],
    ],
    [
      command('AttachDocument', {
        documentId,
        evidenceType: 'other',
        filename: 'a.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 1,
        sha256,
      }),
      ['received', 'in_progress', 'awaiting_information', 'awaiting_approval', 'decided'],
    ],
    [
      command('TriageCase', { priority: 'high', team: 'student-carers' }),
      ['received', 'in_progress', 'awaiting_information'],
    ],
    [
      command('AssignCase', { assignee: 'zainab' }),
      ['received', 'in_progress', 'awaiting_information'],
    ],
    [
      command('TransferTeam', { team: 'student-carers', reason: 'x' }),
      ['received', 'in_progress', 'awaiting_information', 'awaiting_approval'],
    ],
    [command('RequestInformation', { requestId, items: ['x'], message: 'x' }), ['in_progress']],
    [command('RecordInformationReceived', { summary: 'x' }), ['awaiting_information']],
    [command('RecordDecision', { decisionId, outcome: 'refused', reasons: 'x' }), ['in_progress']],
    [command('ApproveDecision', { actor: tariq }), ['awaiting_approval']],
    [command('RejectDecision', { actor: tariq, reason: 'x' }), ['awaiting_approval']],
    [command('CloseCase', {}), ['decided']],
    [
      command('WithdrawApplication', { reason: 'x' }),
      ['received', 'in_progress', 'awaiting_information', 'awaiting_approval'],
    ],
    [command('ReopenCase', { reason: 'x' }), ['closed', 'withdrawn']],
    [
      command('ExtendClock', { clock: 'decision', workingDays: 5, reason: 'x' }),
      ['received', 'in_progress', 'awaiting_information', 'awaiting_approval'],
    ],
  ];
  for (const [cmd, allowed] of commands) {
    for (const status of CASE_STATUSES) {
      const history = histories[status];
      it(`${cmd.type} when ${status}: ${allowed.includes(status) ? 'accepted' : 'refused'}`, () => {
        expect(foldCase(history).status).toBe(status);
        if (allowed.includes(status)) expect(given(history).when(cmd).events()).toHaveLength(1);
        else given(history).when(cmd).thenRefuses(InvalidTransition);
      });
    }
  }

  it('refuses every command on a case that was never submitted', () => {
    for (const [cmd] of commands)
      given([]).when(cmd).thenRefuses(InvalidTransition, 'no such case');
  });
});
