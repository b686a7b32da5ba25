import {
  applicantName,
  applicantPostcode,
  routeToTeam,
  splitPersonal,
  validateAnswers,
  type Answers,
  type CaseType,
  type FieldError,
} from '../case-type';
import { caseTypeById, caseTypeRegistry, caseTypeRegistryOf, caseTypes } from '.';
import carersSupportPayment from './carers-support-payment';
import lastingPowerOfAttorney from './lasting-power-of-attorney';
import wasteCarrierRegistration from './waste-carrier-registration';

/** What each service must do with answers, beyond what `defineCaseType` already checks. */
interface ServiceSpec {
  caseType: CaseType;
  applicant: { name: string; postcode: string };
  /** Wrong answers, built from the example, and the path of every error they must give. */
  wrong: { answers: (example: Answers) => Answers; errors: FieldError['path'][] };
  /** Answers as a person might type them, and how they must be stored. */
  normalised: { typed: (example: Answers) => Answers; stored: Answers };
  /** Changes to the example, and the team the case must go to. */
  routes: [Answers, string][];
  /** Text questions that name someone, so must be personal. */
  names: string[];
}

const without = (answers: Answers, ...ids: string[]) =>
  Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.includes(id)));

const withAddress = (answers: Answers, id: string, changes: Answers) => ({
  ...answers,
  [id]: { ...(answers[id] as object), ...changes },
});

const validated = (caseType: CaseType, input: Answers): Answers => {
  const result = validateAnswers(caseType, input, { today: '2026-03-02' });
  if (!result.ok) throw new Error(`expected valid answers: ${JSON.stringify(result.errors)}`);
  return result.answers;
};

/** Every value inside an answer, e.g. each line of an address. */
const leaves = (value: unknown): unknown[] =>
  value !== null && typeof value === 'object' ? Object.values(value).flatMap(leaves) : [value];

const byPath = (paths: FieldError['path'][]) => paths.map((p) => p.join('.')).sort();

const specs: ServiceSpec[] = [
  {
    caseType: carersSupportPayment,
    applicant: { name: 'Morag Sample', postcode: 'G12 8QQ' },
    wrong: {
      answers: (example) => ({
        ...withAddress(without(example, 'lastName'), 'address', { postcode: 'G12 8Q' }),
        nationalInsuranceNumber: 'QQ 12 34 56 C',
        phone: '+1 202 555 0123',
        weeklyEarnings: '12.345',
        relationshipOther: 'Neighbour',
        favouriteColour: 'blue',
      }),
      errors: [
        ['favouriteColour'],
        ['lastName'],
        ['nationalInsuranceNumber'],
        ['address', 'postcode'],
        ['phone'],
        ['weeklyEarnings'],
        ['relationshipOther'],
      ],
    },
    normalised: {
      typed: (example) => ({
        ...withAddress(example, 'address', { postcode: 'g128qq' }),
        nationalInsuranceNumber: 'ab 12 34 56 c',
        phone: '07700 900123',
        weeklyEarnings: '£1,234.56',
        selfEmployed: 'no',
      }),
      stored: {
        address: {
          line1: 'Flat 2/1',
          line2: '14 Example Street',
          town: 'Glasgow',
          postcode: 'G12 8QQ',
        },
        nationalInsuranceNumber: 'AB123456C',
        phone: '+447700900123',
        weeklyEarnings: 123456,
        selfEmployed: false,
      },
    },
    routes: [
      [{}, 'carer-claims'],
      [
        { fullTimeEducation: true, courseDetails: 'HNC Social Care, Glasgow Clyde College' },
        'student-carers',
      ],
      [{ selfEmployed: 'yes' }, 'earnings-assessment'],
      [
        { fullTimeEducation: true, courseDetails: 'BA Music', selfEmployed: true },
        'student-carers',
      ],
    ],
    names: ['firstName', 'middleNames', 'lastName', 'caredForFirstName', 'caredForLastName'],
  },
  {
    caseType: wasteCarrierRegistration,
    applicant: { name: 'Example Skip Hire Ltd', postcode: 'LS11 5DJ' },
    wrong: {
      answers: (example) => ({
        ...withAddress(without(example, 'contactEmail'), 'businessAddress', {
          postcode: 'LS11 5DJX',
        }),
        businessType: 'sole-trader',
        tier: 'middle',
        convictionDetails: 'Fly-tipping, Leeds Magistrates, 2019',
        keyPersonDateOfBirth: '1975-02-30',
        contactPhone: '0770090',
        tonnage: 40,
      }),
      errors: [
        ['tonnage'],
        ['companiesHouseNumber'],
        ['businessAddress', 'postcode'],
        ['tier'],
        ['registrationRole'],
        ['registrationCharge'],
        ['convictionDetails'],
        ['keyPersonDateOfBirth'],
        ['contactPhone'],
        ['contactEmail'],
      ],
    },
    normalised: {
      typed: (example) => ({
        ...withAddress(example, 'businessAddress', { postcode: 'ls115dj' }),
        registrationCharge: '154',
        contactPhone: '+44 113 496 0123',
        relevantConvictions: 'No',
      }),
      stored: {
        businessAddress: {
          line1: 'Unit 4, Example Trading Estate',
          town: 'Leeds',
          postcode: 'LS11 5DJ',
        },
        registrationCharge: 15400,
        contactPhone: '+441134960123',
        relevantConvictions: false,
      },
    },
    routes: [
      [{}, 'registrations'],
      [
        { relevantConvictions: 'yes', convictionDetails: 'A director: fly-tipping, 2019' },
        'compliance',
      ],
    ],
    names: ['keyPersonFirstName', 'keyPersonLastName', 'contactName'],
  },
  {
    caseType: lastingPowerOfAttorney,
    applicant: { name: 'Edna Mary Example', postcode: 'CF14 3NX' },
    wrong: {
      answers: (example) => ({
        ...withAddress(
          withAddress(
            without(example, 'donorLastName', 'secondAttorneyDateOfBirth'),
            'attorneyAddress',
            {
              postcode: 'NP20',
            },
          ),
          'donorAddress',
          { country: 'Wales' },
        ),
        lifeSustainingTreatment: 'attorneys-can-decide',
        howAttorneysActDetails: 'Jointly for selling the house',
        donorEmail: 'edna@example',
        fee: '£92.50',
        replacementAttorney: 'Someone',
      }),
      errors: [
        ['replacementAttorney'],
        ['lifeSustainingTreatment'],
        ['donorLastName'],
        ['donorAddress'],
        ['donorEmail'],
        ['attorneyAddress', 'postcode'],
        ['secondAttorneyDateOfBirth'],
        ['howAttorneysActDetails'],
        ['fee'],
      ],
    },
    normalised: {
      typed: (example) => ({
        ...withAddress(example, 'donorAddress', { postcode: 'cf14 3nx' }),
        donorPhone: '(029) 2018 0123',
        peopleToNotifyNamed: 'n',
        feeReduction: 'remission',
        fee: 46,
      }),
      stored: {
        donorAddress: { line1: '27 Example Road', town: 'Cardiff', postcode: 'CF14 3NX' },
        donorPhone: '+442920180123',
        peopleToNotifyNamed: false,
        fee: 4600,
      },
    },
    routes: [
      [{}, 'lpa-registrations'],
      [{ feeReduction: 'remission', fee: '46' }, 'fees-and-remissions'],
      [{ feeReduction: 'exemption', fee: '0' }, 'fees-and-remissions'],
      [{ feeReduction: 'hardship', fee: '0' }, 'fees-and-remissions'],
    ],
    names: [
      'donorFirstNames',
      'donorLastName',
      'donorOtherNames',
      'attorneyFirstNames',
      'attorneyLastName',
      'secondAttorneyFirstNames',
      'secondAttorneyLastName',
      'certificateProviderName',
    ],
  },
];

describe.each(specs)('$caseType.name', (spec) => {
  const { caseType } = spec;
  const example = caseType.example;

  it('accepts its example and names the applicant from it', () => {
    const answers = validated(caseType, example);
    expect(applicantName(caseType, answers)).toBe(spec.applicant.name);
    expect(applicantPostcode(caseType, answers)).toBe(spec.applicant.postcode);
  });

  it('reports every wrong answer at once, each at its path', () => {
    const result = validateAnswers(caseType, spec.wrong.answers(example), {
      today: '2026-03-02',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(byPath(result.errors.map((e) => e.path))).toEqual(byPath(spec.wrong.errors));
    expect(result.errors.every((e) => e.message.length > 0)).toBe(true);
  });

  it('stores answers in one normal form, however they were typed', () => {
    expect(validated(caseType, spec.normalised.typed(example))).toMatchObject(
      spec.normalised.stored,
    );
  });

  it.each(spec.routes)('routes %j to %s', (changes, team) => {
    expect(routeToTeam(caseType, validated(caseType, { ...example, ...changes }))).toBe(team);
  });

  it('marks names, dates of birth, contact details and identifiers as personal', () => {
    const mustBePersonal = caseType.fields.filter(
      (f) =>
        spec.names.includes(f.id) ||
        ['date', 'nino', 'ukAddress', 'ukPhone', 'email'].includes(f.type) ||
        /conviction/i.test(f.id),
    );
    expect(mustBePersonal.filter((f) => !f.personal).map((f) => f.id)).toEqual([]);
  });

  it('keeps every personal answer out of the ordinary part', () => {
    const everything = Object.fromEntries(caseType.fields.map((f) => [f.id, `${f.id} answer`]));
    const { answers, personal } = splitPersonal(caseType, everything);
    const personalIds = caseType.fields.filter((f) => f.personal).map((f) => f.id);
    expect(Object.keys(personal).sort()).toEqual([...personalIds].sort());
    expect(Object.keys(answers).filter((id) => personalIds.includes(id))).toEqual([]);
    expect(Object.keys(answers).length + Object.keys(personal).length).toBe(caseType.fields.length);

    const split = splitPersonal(caseType, validated(caseType, example));
    const ordinary = JSON.stringify(split.answers);
    expect(leaves(split.personal).filter((v) => ordinary.includes(JSON.stringify(v)))).toEqual([]);
  });
});

describe('the service registry', () => {
  it('holds each service once, under its own id and reference prefix', () => {
    expect(caseTypes.map((t) => t.id)).toEqual([
      'carers-support-payment',
      'waste-carrier-registration',
      'lasting-power-of-attorney',
    ]);
    expect(caseTypes.map((t) => t.referencePrefix)).toEqual(['CSP', 'WCR', 'LPA']);
    expect(caseTypeRegistry.all).toBe(caseTypes);
  });

  it('finds a service by id', () => {
    expect(caseTypeById('lasting-power-of-attorney')).toBe(lastingPowerOfAttorney);
    expect(caseTypeRegistry.byId('waste-carrier-registration')).toBe(wasteCarrierRegistration);
    expect(caseTypeById('dog-licence')).toBeUndefined();
  });

  it('refuses two services with the same id or prefix', () => {
    expect(() => caseTypeRegistryOf([carersSupportPayment, carersSupportPayment])).toThrow(/id/);
    const samePrefix = { ...wasteCarrierRegistration, id: 'other', referencePrefix: 'CSP' };
    expect(() => caseTypeRegistryOf([carersSupportPayment, samePrefix])).toThrow(/prefix/);
  });
});
