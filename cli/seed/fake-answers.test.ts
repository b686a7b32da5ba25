import { defineCaseType, validateAnswers, type CaseType } from '../../domain/case-type';
import { caseTypes } from '../../domain/case-types';
import { fakeAnswers, seededRandom } from './fake-answers';

/** A made-up service asking every kind of question the others don't, with unusual limits. */
const everyKindOfQuestion = defineCaseType({
  id: 'every-kind-of-question',
  version: 1,
  name: 'Every kind of question',
  description: 'A made-up service for testing fake answers.',
  referencePrefix: 'EKQ',
  calendar: 'northern-ireland',
  openedOn: '2020-01-01',
  sections: [
    {
      id: 'questions',
      title: 'Questions',
      fields: [
        {
          id: 'kind',
          type: 'choice',
          label: 'Kind',
          options: [
            { value: 'usual', label: 'Usual' },
            { value: 'other', label: 'Other' },
          ],
        },
        { id: 'reason', type: 'text', label: 'Why', askedWhen: { field: 'kind', equals: 'other' } },
        { id: 'code', type: 'text', label: 'Code', maxLength: 3 },
        { id: 'story', type: 'longText', label: 'Story', maxLength: 20 },
        {
          id: 'visitDate',
          type: 'date',
          label: 'Visit',
          earliest: '2025-01-01',
          latest: '2025-12-31',
        },
        { id: 'hours', type: 'number', label: 'Hours', integer: true, min: 1, max: 168 },
        { id: 'ratio', type: 'number', label: 'Ratio', min: 0.5, max: 0.75 },
        { id: 'deposit', type: 'money', label: 'Deposit', minPence: 1000, maxPence: 1500 },
        { id: 'postcode', type: 'ukPostcode', label: 'Postcode' },
        { id: 'mobile', type: 'ukPhone', label: 'Mobile', required: false },
      ],
    },
  ],
  applicant: { nameFields: ['code'], postcodeField: 'postcode' },
  evidence: [],
  stages: [
    { id: 'open', label: 'Open', statuses: ['received', 'in_progress', 'awaiting_information'] },
    {
      id: 'done',
      label: 'Done',
      statuses: ['awaiting_approval', 'decided', 'closed', 'withdrawn'],
    },
  ],
  outcomes: [
    { id: 'yes', label: 'Yes', granted: true },
    { id: 'no', label: 'No', granted: false },
  ],
  sla: [
    {
      clock: 'decision',
      label: 'Decided',
      stopsWhen: 'decided',
      workingDays: 5,
      warningWorkingDays: 3,
    },
  ],
  teams: [{ id: 'everyone', name: 'Everyone' }],
  routing: { defaultTeam: 'everyone', rules: [] },
  defaultPriority: 'normal',
  approval: { outcomes: [] },
  retention: { afterClosure: 'P1Y', basis: 'Kept for a year.' },
  example: {
    kind: 'usual',
    code: 'ABC',
    story: 'Once upon a time',
    visitDate: '2025-06-01',
    hours: 35,
    ratio: 0.6,
    deposit: '12.50',
    postcode: 'BT1 5GS',
  },
});

const SETS = 2_000;

describe.each([...caseTypes, everyKindOfQuestion])(
  'fake answers for $name',
  (caseType: CaseType) => {
    const random = seededRandom(2026);
    const sets = Array.from({ length: SETS }, () => fakeAnswers(caseType, random));

    it(`are valid, all ${SETS} of them`, () => {
      const invalid = sets
        .map((answers) => ({
          answers,
          result: validateAnswers(caseType, answers, { today: '2026-12-04' }),
        }))
        .filter(({ result }) => !result.ok);
      expect(invalid.slice(0, 3)).toEqual([]);
    });

    it('answer every question, including those asked only after another answer', () => {
      const answered = new Set(sets.flatMap((answers) => Object.keys(answers)));
      expect(caseType.fields.map((f) => f.id).filter((id) => !answered.has(id))).toEqual([]);
    });

    it('are the same for the same seed, and differ for another', () => {
      const again = seededRandom(2026);
      expect(sets.slice(0, 20)).toEqual(
        Array.from({ length: 20 }, () => fakeAnswers(caseType, again)),
      );
      expect(fakeAnswers(caseType, seededRandom(7))).not.toEqual(sets[0]);
    });
  },
);

describe('fake applicants', () => {
  it('have e-mail addresses made from their names, at reserved domains', () => {
    const random = seededRandom(1);
    const carers = caseTypes.find((t) => t.id === 'carers-support-payment') as CaseType;
    const plain = /^[A-Za-z]+$/;
    for (let i = 0; i < 200; i++) {
      const { firstName, lastName, email } = fakeAnswers(carers, random);
      if (typeof email !== 'string') continue;
      expect(email).toMatch(/^[a-z0-9]+\.[a-z0-9]+@example\.(com|org)$/);
      if (plain.test(String(firstName)) && plain.test(String(lastName))) {
        expect(email.startsWith(`${firstName}.${lastName}`.toLowerCase())).toBe(true);
      }
    }
  });

  it('live at a postcode in their service’s part of the UK', () => {
    const random = seededRandom(3);
    const carers = caseTypes.find((t) => t.calendar === 'scotland') as CaseType;
    const areas = /^(G|EH|AB|DD|IV|FK|PA|KA|DG|KY)\d/;
    for (let i = 0; i < 200; i++) {
      const { address } = fakeAnswers(carers, random) as { address: { postcode: string } };
      expect(address.postcode).toMatch(areas);
    }
  });
});

describe('seededRandom', () => {
  it('gives the same numbers in [0, 1) for the same seed', () => {
    const a = seededRandom(99);
    const b = seededRandom(99);
    const numbers = Array.from({ length: 1000 }, () => a());
    expect(numbers).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(numbers.every((n) => n >= 0 && n < 1)).toBe(true);
    expect(new Set(numbers).size).toBe(1000);
  });
});
