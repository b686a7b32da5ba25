import { defineCaseType } from '../case-type';

/**
 * Registering a lasting power of attorney, modelled on the Office of the Public Guardian.
 * An LPA can't be used until it is registered; registration waits out a statutory period
 * for objections, which is why the decision clock is long. Claims for a reduced or waived
 * fee are checked by the fees team before the instrument itself is examined.
 */
export default defineCaseType({
  id: 'lasting-power-of-attorney',
  version: 1,
  name: 'Register a lasting power of attorney',
  description:
    'An application to register a lasting power of attorney for property and financial affairs or for health and welfare.',
  referencePrefix: 'LPA',
  calendar: 'england-and-wales',
  openedOn: '2007-10-01',
  sections: [
    {
      id: 'application',
      title: 'The application',
      fields: [
        {
          id: 'lpaType',
          type: 'choice',
          label: 'Which type of lasting power of attorney is it?',
          options: [
            { value: 'property-and-finance', label: 'Property and financial affairs' },
            { value: 'health-and-welfare', label: 'Health and welfare' },
          ],
        },
        {
          id: 'lifeSustainingTreatment',
          type: 'choice',
          label: 'Can the attorneys decide about life-sustaining treatment?',
          askedWhen: { field: 'lpaType', equals: 'health-and-welfare' },
          options: [
            { value: 'attorneys-can-decide', label: 'Yes (option A in section 5)' },
            { value: 'attorneys-cannot-decide', label: 'No (option B in section 5)' },
          ],
        },
        {
          id: 'whoIsApplying',
          type: 'choice',
          label: 'Who is applying to register it?',
          options: [
            { value: 'donor', label: 'The donor' },
            { value: 'attorney', label: 'An attorney' },
          ],
        },
      ],
    },
    {
      id: 'donor',
      title: 'The donor',
      fields: [
        { id: 'donorFirstNames', type: 'text', label: 'First names', personal: true },
        { id: 'donorLastName', type: 'text', label: 'Last name', personal: true },
        {
          id: 'donorOtherNames',
          type: 'text',
          label: 'Any other names the donor is known by',
          required: false,
          personal: true,
        },
        {
          id: 'donorDateOfBirth',
          type: 'date',
          label: 'Date of birth',
          personal: true,
          earliest: '1900-01-01',
          latest: 'today',
        },
        { id: 'donorAddress', type: 'ukAddress', label: 'Address', personal: true },
        {
          id: 'donorPhone',
          type: 'ukPhone',
          label: 'Phone number',
          required: false,
          personal: true,
        },
        {
          id: 'donorEmail',
          type: 'email',
          label: 'Email address',
          required: false,
          personal: true,
        },
      ],
    },
    {
      id: 'attorneys',
      title: 'Attorneys',
      fields: [
        { id: 'attorneyFirstNames', type: 'text', label: 'First names', personal: true },
        { id: 'attorneyLastName', type: 'text', label: 'Last name', personal: true },
        {
          id: 'attorneyDateOfBirth',
          type: 'date',
          label: 'Date of birth',
          hint: 'Attorneys must be 18 or over when the donor signs the LPA',
          personal: true,
          earliest: '1900-01-01',
          latest: 'today',
        },
        { id: 'attorneyAddress', type: 'ukAddress', label: 'Address', personal: true },
        {
          id: 'hasSecondAttorney',
          type: 'yesNo',
          label: 'Did the donor appoint more than one attorney?',
          hint: 'If there are more than two, record the others in a case note',
        },
        {
          id: 'secondAttorneyFirstNames',
          type: 'text',
          label: "Second attorney's first names",
          personal: true,
          askedWhen: { field: 'hasSecondAttorney', equals: true },
        },
        {
          id: 'secondAttorneyLastName',
          type: 'text',
          label: "Second attorney's last name",
          personal: true,
          askedWhen: { field: 'hasSecondAttorney', equals: true },
        },
        {
          id: 'secondAttorneyDateOfBirth',
          type: 'date',
          label: "Second attorney's date of birth",
          personal: true,
          earliest: '1900-01-01',
          latest: 'today',
          askedWhen: { field: 'hasSecondAttorney', equals: true },
        },
        {
          id: 'secondAttorneyAddress',
          type: 'ukAddress',
          label: "Second attorney's address",
          personal: true,
          askedWhen: { field: 'hasSecondAttorney', equals: true },
        },
        {
          id: 'howAttorneysAct',
          type: 'choice',
          label: 'How must the attorneys make decisions?',
          askedWhen: { field: 'hasSecondAttorney', equals: true },
          options: [
            { value: 'jointly', label: 'Jointly (all together)' },
            { value: 'jointly-and-severally', label: 'Jointly and severally (together or alone)' },
            {
              value: 'mixed',
              label: 'Jointly for some decisions, jointly and severally for others',
            },
          ],
        },
        {
          id: 'howAttorneysActDetails',
          type: 'longText',
          label: 'Which decisions must the attorneys make jointly?',
          askedWhen: { field: 'howAttorneysAct', equals: 'mixed' },
        },
      ],
    },
    {
      id: 'certificate-and-notification',
      title: 'Certificate provider and people to notify',
      fields: [
        {
          id: 'certificateProviderName',
          type: 'text',
          label: "Certificate provider's full name",
          personal: true,
        },
        {
          id: 'peopleToNotifyNamed',
          type: 'yesNo',
          label: 'Did the donor name any people to notify?',
        },
      ],
    },
    {
      id: 'fee',
      title: 'Fee',
      fields: [
        {
          id: 'feeReduction',
          type: 'choice',
          label: 'Is a reduced fee or exemption claimed?',
          options: [
            { value: 'none', label: 'No, the full fee is paid' },
            { value: 'remission', label: 'Remission: half fee, donor earns under £12,000' },
            { value: 'exemption', label: 'Exemption: donor gets a means-tested benefit' },
            { value: 'hardship', label: 'Hardship: paying the fee would cause hardship' },
          ],
        },
        {
          id: 'fee',
          type: 'money',
          label: 'Fee paid',
          hint: 'The full fee is £92 for each LPA',
          maxPence: 9_200,
        },
      ],
    },
  ],
  applicant: {
    nameFields: ['donorFirstNames', 'donorLastName'],
    postcodeField: 'donorAddress',
    emailField: 'donorEmail',
    phoneField: 'donorPhone',
  },
  notifications: {
    'application-received': { email: '3a7e1c5b-9d2f-4b6a-8e0c-4f1d7b3a9e88' },
    'decision-made': {
      email: '5c9b3e7a-1f4d-4a8c-b2e6-6d0f3a9c1b99',
      letter: '0b4d8f2c-6e1a-4c5b-9a7d-8e3f1b5d2c10',
    },
  },
  evidence: [
    {
      id: 'signed-lpa',
      label: 'The signed LPA instrument (original or certified copy)',
      required: true,
    },
    {
      id: 'fee-reduction-evidence',
      label: 'Benefit award letter or proof of income for a reduced fee',
      required: false,
    },
  ],
  stages: [
    { id: 'received', label: 'Received', statuses: ['received'] },
    {
      id: 'instrument-checks',
      label: 'Instrument checks',
      statuses: ['in_progress', 'awaiting_information'],
    },
    { id: 'registration', label: 'Registration', statuses: ['awaiting_approval', 'decided'] },
    { id: 'closed', label: 'Closed', statuses: ['closed', 'withdrawn'] },
  ],
  outcomes: [
    { id: 'registered', label: 'Registered', granted: true },
    { id: 'rejected', label: 'Registration rejected', granted: false },
    {
      id: 'invalid-instrument',
      label: 'Not registered: the instrument has mistakes that make it invalid',
      granted: false,
    },
  ],
  sla: [
    {
      clock: 'first-response',
      label: 'Application checked',
      stopsWhen: 'triaged',
      workingDays: 10,
      warningWorkingDays: 7,
    },
    {
      clock: 'decision',
      label: 'Registration decided',
      stopsWhen: 'decided',
      workingDays: 40,
      warningWorkingDays: 30,
    },
  ],
  teams: [
    { id: 'lpa-registrations', name: 'LPA Registrations Team' },
    { id: 'fees-and-remissions', name: 'Fees and Remissions Team' },
  ],
  routing: {
    defaultTeam: 'lpa-registrations',
    rules: ['remission', 'exemption', 'hardship'].map((claim) => ({
      when: { field: 'feeReduction', equals: claim },
      team: 'fees-and-remissions',
    })),
  },
  defaultPriority: 'normal',
  approval: { outcomes: ['rejected'] },
  retention: {
    afterClosure: 'P10Y',
    basis: 'Registration records are kept for ten years after the application is decided.',
  },
  example: {
    lpaType: 'property-and-finance',
    whoIsApplying: 'donor',
    donorFirstNames: 'Edna Mary',
    donorLastName: 'Example',
    donorDateOfBirth: '1944-06-21',
    donorAddress: { line1: '27 Example Road', town: 'Cardiff', postcode: 'CF14 3NX' },
    donorPhone: '029 2018 0123',
    attorneyFirstNames: 'Rhys',
    attorneyLastName: 'Example',
    attorneyDateOfBirth: '1972-11-05',
    attorneyAddress: { line1: '8 Sample Close', town: 'Newport', postcode: 'NP20 4GH' },
    hasSecondAttorney: true,
    secondAttorneyFirstNames: 'Carys',
    secondAttorneyLastName: 'Example',
    secondAttorneyDateOfBirth: '1975-01-17',
    secondAttorneyAddress: { line1: '8 Sample Close', town: 'Newport', postcode: 'NP20 4GH' },
    howAttorneysAct: 'jointly-and-severally',
    certificateProviderName: 'Dr Alun Specimen',
    peopleToNotifyNamed: false,
    feeReduction: 'none',
    fee: '£92.00',
  },
});
