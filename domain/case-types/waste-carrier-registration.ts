import { defineCaseType } from '../case-type';

/**
 * Registration to carry, broker or deal in controlled waste in England, modelled on the
 * Environment Agency's service. Lower tier registration is free; upper tier (anyone
 * carrying other people's waste, or their own construction and demolition waste) pays a
 * charge. Relevant convictions don't bar registration outright but need a compliance
 * officer's judgement, so those applications go to that team.
 */
export default defineCaseType({
  id: 'waste-carrier-registration',
  version: 1,
  name: 'Waste carrier, broker or dealer registration',
  description:
    'Registration of a business that transports, buys, sells or arranges the disposal of waste.',
  referencePrefix: 'WCR',
  calendar: 'england-and-wales',
  openedOn: '2014-01-01',
  sections: [
    {
      id: 'business',
      title: 'About the business',
      fields: [
        {
          id: 'businessType',
          type: 'choice',
          label: 'What type of business or organisation is it?',
          options: [
            { value: 'sole-trader', label: 'Sole trader' },
            { value: 'partnership', label: 'Partnership' },
            { value: 'limited-company', label: 'Limited company' },
            { value: 'limited-liability-partnership', label: 'Limited liability partnership' },
            { value: 'public-body', label: 'Local authority or public body' },
            { value: 'charity-or-trust', label: 'Charity or trust' },
          ],
        },
        {
          id: 'companyName',
          type: 'text',
          label: 'Business or organisation name',
          hint: 'This name appears on the public register of waste carriers',
        },
        {
          id: 'companiesHouseNumber',
          type: 'text',
          label: 'Companies House registration number',
          hint: 'For example, 01234567 or SC123456',
          maxLength: 8,
          askedWhen: { field: 'businessType', equals: 'limited-company' },
        },
        {
          id: 'businessAddress',
          type: 'ukAddress',
          label: 'Business address',
          hint: 'For sole traders this is often a home address',
          personal: true,
        },
      ],
    },
    {
      id: 'registration',
      title: 'Registration',
      fields: [
        {
          id: 'carriesConstructionWaste',
          type: 'yesNo',
          label: 'Does the business carry construction or demolition waste?',
          hint: 'Including waste it produces itself, such as rubble from building work',
        },
        {
          id: 'tier',
          type: 'choice',
          label: 'Which tier is the registration?',
          options: [
            { value: 'upper', label: 'Upper tier' },
            { value: 'lower', label: 'Lower tier' },
          ],
        },
        {
          id: 'registrationRole',
          type: 'choice',
          label: 'What will the business do with waste?',
          askedWhen: { field: 'tier', equals: 'upper' },
          options: [
            { value: 'carrier', label: 'Carry waste' },
            { value: 'broker-dealer', label: 'Buy, sell or arrange for others to handle waste' },
            { value: 'carrier-broker-dealer', label: 'Both' },
          ],
        },
        {
          id: 'registrationCharge',
          type: 'money',
          label: 'Registration charge paid',
          hint: 'Only upper tier registrations are charged for',
          askedWhen: { field: 'tier', equals: 'upper' },
          maxPence: 100_000,
        },
      ],
    },
    {
      id: 'convictions',
      title: 'Relevant convictions',
      fields: [
        {
          id: 'relevantConvictions',
          type: 'yesNo',
          // Even a bare yes is criminal offence data about the people in the business.
          personal: true,
          label:
            'Has the business, or anyone in it, been convicted of an environmental offence or any other relevant offence?',
        },
        {
          id: 'convictionDetails',
          type: 'longText',
          label: 'Who was convicted, of what, when, and by which court',
          personal: true,
          askedWhen: { field: 'relevantConvictions', equals: true },
        },
      ],
    },
    {
      id: 'key-person',
      title: 'Main director, partner or owner',
      fields: [
        {
          id: 'keyPersonFirstName',
          type: 'text',
          label: 'First name',
          personal: true,
          maxLength: 100,
        },
        {
          id: 'keyPersonLastName',
          type: 'text',
          label: 'Last name',
          personal: true,
          maxLength: 100,
        },
        {
          id: 'keyPersonDateOfBirth',
          type: 'date',
          label: 'Date of birth',
          hint: 'We use this to check for relevant convictions',
          personal: true,
          earliest: '1900-01-01',
          latest: 'today',
        },
      ],
    },
    {
      id: 'contact',
      title: 'Contact details',
      fields: [
        { id: 'contactName', type: 'text', label: 'Contact name', personal: true },
        { id: 'contactPhone', type: 'ukPhone', label: 'Contact phone number', personal: true },
        { id: 'contactEmail', type: 'email', label: 'Contact email address', personal: true },
      ],
    },
  ],
  applicant: {
    nameFields: ['companyName'],
    postcodeField: 'businessAddress',
    emailField: 'contactEmail',
    phoneField: 'contactPhone',
  },
  notifications: {
    'application-received': { email: '6e0c4a8d-2b5f-4d9a-a1c7-9f4b2d6e3a21' },
    'information-requested': { email: '2d6f0b4e-8a3c-4e1b-9c5d-1a7e3f9b4c32' },
    'decision-made': { email: '9a3e7c1f-4d6b-4b2e-8f0a-2c8d4a1e5f43' },
  },
  evidence: [
    {
      id: 'conviction-declaration',
      label: 'Declaration of relevant convictions, with court records',
      required: false,
    },
    {
      id: 'payment-confirmation',
      label: 'Confirmation of the registration charge',
      required: false,
    },
  ],
  stages: [
    { id: 'new-application', label: 'New application', statuses: ['received'] },
    {
      id: 'checks',
      label: 'Registration checks',
      statuses: ['in_progress', 'awaiting_information'],
    },
    { id: 'decision', label: 'Decision', statuses: ['awaiting_approval', 'decided'] },
    { id: 'closed', label: 'Closed', statuses: ['closed', 'withdrawn'] },
  ],
  outcomes: [
    { id: 'registered', label: 'Registered', granted: true },
    { id: 'refused', label: 'Registration refused', granted: false },
  ],
  sla: [
    {
      clock: 'first-response',
      label: 'Application checked',
      stopsWhen: 'triaged',
      workingDays: 3,
      warningWorkingDays: 2,
    },
    {
      clock: 'decision',
      label: 'Registration decided',
      stopsWhen: 'decided',
      workingDays: 10,
      warningWorkingDays: 7,
    },
  ],
  teams: [
    { id: 'registrations', name: 'Waste Carrier Registrations Team' },
    { id: 'compliance', name: 'Waste Regulation Compliance Team' },
  ],
  routing: {
    defaultTeam: 'registrations',
    rules: [{ when: { field: 'relevantConvictions', equals: true }, team: 'compliance' }],
  },
  defaultPriority: 'normal',
  approval: { outcomes: ['refused'] },
  retention: {
    afterClosure: 'P7Y',
    basis: 'Registration applications are kept for seven years after the decision.',
  },
  example: {
    businessType: 'limited-company',
    companyName: 'Example Skip Hire Ltd',
    companiesHouseNumber: '01234567',
    businessAddress: {
      line1: 'Unit 4, Example Trading Estate',
      town: 'Leeds',
      postcode: 'LS11 5DJ',
    },
    carriesConstructionWaste: true,
    tier: 'upper',
    registrationRole: 'carrier',
    registrationCharge: '£154.00',
    relevantConvictions: false,
    keyPersonFirstName: 'Gareth',
    keyPersonLastName: 'Specimen',
    keyPersonDateOfBirth: '1975-02-03',
    contactName: 'Gareth Specimen',
    contactPhone: '0113 496 0123',
    contactEmail: 'gareth.specimen@example.com',
  },
});
