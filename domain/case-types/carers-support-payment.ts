import { defineCaseType } from '../case-type';

/**
 * A weekly payment for people who care for someone getting a qualifying disability
 * benefit, modelled on Social Security Scotland's Carer Support Payment (which replaced
 * Carer's Allowance in Scotland). Eligibility turns on caring 35 hours a week or more,
 * earnings under the weekly limit and, unlike Carer's Allowance, some full-time students
 * can qualify, so their claims go to a team that knows those rules.
 */
export default defineCaseType({
  id: 'carers-support-payment',
  version: 1,
  name: 'Carer Support Payment',
  description:
    'A claim for a weekly payment by someone who cares for a disabled person for 35 hours a week or more.',
  referencePrefix: 'CSP',
  calendar: 'scotland',
  // Social Security Scotland's first carers' payment: the claims it took over start here.
  openedOn: '2018-09-03',
  sections: [
    {
      id: 'about-you',
      title: 'About you',
      fields: [
        { id: 'firstName', type: 'text', label: 'First name', personal: true, maxLength: 100 },
        {
          id: 'middleNames',
          type: 'text',
          label: 'Middle names',
          required: false,
          personal: true,
          maxLength: 100,
        },
        { id: 'lastName', type: 'text', label: 'Last name', personal: true, maxLength: 100 },
        {
          id: 'dateOfBirth',
          type: 'date',
          label: 'Date of birth',
          hint: 'You must be 16 or over to get Carer Support Payment',
          personal: true,
          earliest: '1900-01-01',
          latest: 'today',
        },
        {
          id: 'nationalInsuranceNumber',
          type: 'nino',
          label: 'National Insurance number',
          hint: 'It is on your National Insurance card, payslip or letters about benefits',
          personal: true,
        },
        { id: 'address', type: 'ukAddress', label: 'Your address', personal: true },
        { id: 'phone', type: 'ukPhone', label: 'Phone number', personal: true },
        {
          id: 'email',
          type: 'email',
          label: 'Email address',
          hint: 'We will only use this to tell you about your claim',
          required: false,
          personal: true,
        },
      ],
    },
    {
      id: 'your-circumstances',
      title: 'Your circumstances',
      fields: [
        {
          id: 'cares35HoursOrMore',
          type: 'yesNo',
          label: 'Do you care for the person for 35 hours a week or more?',
          hint: 'Include time spent helping them, keeping an eye on them and travelling for them',
        },
        {
          id: 'fullTimeEducation',
          type: 'yesNo',
          label: 'Are you in full-time education?',
          hint: 'This usually means 21 hours or more a week of supervised study',
        },
        {
          id: 'courseDetails',
          type: 'text',
          label: 'Name of your course and where you study',
          askedWhen: { field: 'fullTimeEducation', equals: true },
        },
        {
          id: 'selfEmployed',
          type: 'yesNo',
          label: 'Are you self-employed?',
        },
        {
          id: 'weeklyEarnings',
          type: 'money',
          label: 'How much do you earn a week?',
          hint: 'After tax, National Insurance and half of any pension contributions. Enter 0 if you do not work',
          maxPence: 1_000_000,
        },
      ],
    },
    {
      id: 'person-you-care-for',
      title: 'The person you care for',
      fields: [
        {
          id: 'caredForFirstName',
          type: 'text',
          label: 'Their first name',
          personal: true,
          maxLength: 100,
        },
        {
          id: 'caredForLastName',
          type: 'text',
          label: 'Their last name',
          personal: true,
          maxLength: 100,
        },
        {
          id: 'caredForDateOfBirth',
          type: 'date',
          label: 'Their date of birth',
          personal: true,
          earliest: '1900-01-01',
          latest: 'today',
        },
        {
          id: 'caredForNationalInsuranceNumber',
          type: 'nino',
          label: 'Their National Insurance number, if you know it',
          required: false,
          personal: true,
        },
        {
          id: 'relationship',
          type: 'choice',
          label: 'What is their relationship to you?',
          options: [
            { value: 'partner', label: 'Husband, wife or partner' },
            { value: 'parent', label: 'Parent' },
            { value: 'child', label: 'Son or daughter' },
            { value: 'sibling', label: 'Brother or sister' },
            { value: 'grandparent', label: 'Grandparent' },
            { value: 'friend-or-neighbour', label: 'Friend or neighbour' },
            { value: 'other', label: 'Other' },
          ],
        },
        {
          id: 'relationshipOther',
          type: 'text',
          label: 'Tell us how you are related to them',
          askedWhen: { field: 'relationship', equals: 'other' },
        },
        {
          id: 'qualifyingBenefit',
          type: 'choice',
          label: 'Which disability benefit do they get?',
          options: [
            { value: 'adult-disability-payment', label: 'Adult Disability Payment (daily living)' },
            {
              value: 'child-disability-payment',
              label: 'Child Disability Payment (middle or highest rate care)',
            },
            { value: 'pension-age-disability-payment', label: 'Pension Age Disability Payment' },
            {
              value: 'personal-independence-payment',
              label: 'Personal Independence Payment (daily living)',
            },
            {
              value: 'disability-living-allowance',
              label: 'Disability Living Allowance (middle or highest rate care)',
            },
            { value: 'attendance-allowance', label: 'Attendance Allowance' },
            {
              value: 'armed-forces-independence-payment',
              label: 'Armed Forces Independence Payment',
            },
            { value: 'constant-attendance-allowance', label: 'Constant Attendance Allowance' },
            {
              value: 'awaiting-decision',
              label: 'They have applied and are waiting for a decision',
            },
          ],
        },
        { id: 'caredForAddress', type: 'ukAddress', label: 'Their address', personal: true },
      ],
    },
  ],
  applicant: {
    nameFields: ['firstName', 'middleNames', 'lastName'],
    postcodeField: 'address',
    emailField: 'email',
    phoneField: 'phone',
  },
  notifications: {
    'application-received': {
      email: '2f5c1a43-8f0e-4d6b-9b1e-0c6a3a2d7e11',
      sms: '6a0e9d1c-3b7f-4e2a-8c5d-1f4b2e9a7c22',
      letter: '9d3b7e2a-1c4f-4a8e-b6d0-5e2c8f1a3b33',
    },
    'information-requested': {
      email: '4b8e2d6f-0a1c-4e7b-9d3f-2c5a8e1b6d44',
      sms: '7c1f5a9e-2d4b-4f8c-a0e6-3b9d1c7e2f55',
    },
    'decision-made': {
      email: '1e6a3c8f-5b2d-4c9e-8f1a-7d4b0e2c9a66',
      letter: '8f2d4b1e-6c3a-4d7f-b5e9-0a1c6e8d3b77',
    },
  },
  evidence: [
    { id: 'proof-of-earnings', label: 'Payslips or self-employed accounts', required: false },
    {
      id: 'course-confirmation',
      label: 'Letter from the college or university confirming course hours',
      required: false,
    },
    {
      id: 'benefit-award-letter',
      label: "Award letter for the cared-for person's disability benefit",
      required: false,
    },
  ],
  stages: [
    { id: 'new-claim', label: 'New claim', statuses: ['received'] },
    { id: 'assessment', label: 'Assessment', statuses: ['in_progress', 'awaiting_information'] },
    { id: 'determination', label: 'Determination', statuses: ['awaiting_approval', 'decided'] },
    { id: 'closed', label: 'Closed', statuses: ['closed', 'withdrawn'] },
  ],
  outcomes: [
    { id: 'awarded', label: 'Awarded', granted: true },
    { id: 'refused', label: 'Refused: does not meet the caring conditions', granted: false },
    { id: 'ineligible-earnings', label: 'Refused: earnings over the weekly limit', granted: false },
  ],
  sla: [
    {
      clock: 'first-response',
      label: 'Claim triaged',
      stopsWhen: 'triaged',
      workingDays: 5,
      warningWorkingDays: 3,
    },
    {
      clock: 'decision',
      label: 'Determination made',
      stopsWhen: 'decided',
      workingDays: 20,
      warningWorkingDays: 15,
    },
  ],
  teams: [
    { id: 'carer-claims', name: 'Carer Support Payment Claims Team' },
    { id: 'student-carers', name: 'Student Carers Team' },
    { id: 'earnings-assessment', name: 'Self-employed Earnings Team' },
  ],
  routing: {
    defaultTeam: 'carer-claims',
    rules: [
      { when: { field: 'fullTimeEducation', equals: true }, team: 'student-carers' },
      { when: { field: 'selfEmployed', equals: true }, team: 'earnings-assessment' },
    ],
  },
  defaultPriority: 'normal',
  approval: { outcomes: ['refused', 'ineligible-earnings'] },
  retention: {
    afterClosure: 'P6Y',
    basis: 'Benefit claims are kept for six years after the claim ends, for appeals and audit.',
  },
  example: {
    firstName: 'Morag',
    lastName: 'Sample',
    dateOfBirth: '1968-04-12',
    nationalInsuranceNumber: 'AB 12 34 56 C',
    address: {
      line1: 'Flat 2/1',
      line2: '14 Example Street',
      town: 'Glasgow',
      postcode: 'G12 8QQ',
    },
    phone: '07700 900123',
    email: 'morag.sample@example.com',
    cares35HoursOrMore: true,
    fullTimeEducation: false,
    selfEmployed: false,
    weeklyEarnings: '£120.00',
    caredForFirstName: 'Dougal',
    caredForLastName: 'Sample',
    caredForDateOfBirth: '1940-09-30',
    relationship: 'parent',
    qualifyingBenefit: 'attendance-allowance',
    caredForAddress: { line1: '3 Example Wynd', town: 'Paisley', postcode: 'PA1 2BX' },
  },
});
