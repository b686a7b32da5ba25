/** The back office's GraphQL schema: what the UI can ask and do. */
export const schema = /* GraphQL */ `
  scalar JSON

  enum Role {
    caseworker
    team_leader
    auditor
    integrator
    admin
  }
  enum Channel {
    web
    phone
    post
    assisted_digital
  }
  enum CaseStatus {
    received
    in_progress
    awaiting_information
    awaiting_approval
    decided
    closed
    withdrawn
  }
  enum Priority {
    urgent
    high
    normal
    low
  }
  enum SlaState {
    on_track
    warning
    overdue
    paused
    none
  }
  enum QueueId {
    my_cases
    team_unallocated
    awaiting_information
    due_soon
    overdue
    awaiting_approval
    exceptions
  }
  enum SortField {
    priority
    deadline
    received
    lastActivity
    reference
  }
  enum SortDirection {
    asc
    desc
  }

  type User {
    id: ID!
    name: String!
    role: Role!
    teams: [String!]!
  }

  type Field {
    id: ID!
    label: String!
    hint: String
    type: String!
    required: Boolean!
    personal: Boolean!
    options: [FieldOption!]
    askedWhen: JSON
  }
  type FieldOption {
    value: String!
    label: String!
  }
  type Outcome {
    id: ID!
    label: String!
    granted: Boolean!
  }
  type Team {
    id: ID!
    name: String!
  }
  "A part of the form: its questions are asked together, under its title."
  type Section {
    id: ID!
    title: String!
    fields: [Field!]!
  }
  type Service {
    id: ID!
    name: String!
    description: String!
    version: Int!
    fields: [Field!]!
    sections: [Section!]!
    outcomes: [Outcome!]!
    teams: [Team!]!
    answersSchema: JSON!
    example: JSON!
  }

  type Clock {
    clock: String!
    label: String!
    startedOn: String!
    warningOn: String
    deadlineOn: String
    pausedSince: String
    pausedWorkingDays: Int!
    extendedWorkingDays: Int!
    stoppedOn: String
    met: Boolean
    withdrawn: Boolean!
  }

  "A row in a queue: what a caseworker needs to pick a case."
  type CaseSummary {
    caseId: ID!
    reference: String!
    service: String!
    status: CaseStatus!
    stage: String!
    channel: Channel!
    applicantName: String!
    postcode: String
    team: String!
    assignee: String
    priority: Priority!
    receivedAt: String!
    nextDeadline: String
    nextWarning: String
    slaState: SlaState!
    exception: String
    outcome: String
    lastActivityAt: String!
    revision: String!
  }

  "The whole case, as a caseworker opens it."
  type Case {
    caseId: ID!
    reference: String!
    service: Service!
    status: CaseStatus!
    stage: String!
    channel: Channel!
    team: String!
    assignee: String
    priority: Priority!
    submittedAt: String!
    keyedBy: User
    externalReference: String
    answers: JSON!
    documents: JSON!
    notes: JSON!
    decisions: JSON!
    informationRequests: JSON!
    clocks: [Clock!]!
    satisfaction: JSON
    outcome: String
    exception: String
    "When the case was last closed or withdrawn: its retention period runs from here."
    closedAt: String
    "When the applicant's personal data was erased; their answers and notes read as [erased]."
    personalDataErasedAt: String
    lastActivityAt: String!
    revision: String!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }
  type CaseConnection {
    nodes: [CaseSummary!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type QueueCount {
    queue: QueueId!
    label: String!
    count: Int!
  }
  type SearchResult {
    kind: String!
    nodes: [CaseSummary!]!
  }

  type TimelineEntry {
    revision: String!
    eventId: ID!
    type: String!
    summary: String!
    changes: JSON!
    actorId: String!
    actorRole: String!
    channel: String!
    occurredAt: String!
    recordedAt: String!
    correlationId: String!
  }
  type CaseAsOf {
    revision: String!
    state: JSON!
  }
  type Verification {
    intact: Boolean!
    eventsChecked: Int!
    altered: JSON!
  }
  "Reads of a case's personal data by one person through one operation, each within five minutes of the one before."
  type AccessEntry {
    actorId: String!
    actorRole: String!
    operation: String!
    "The first read."
    at: String!
    "The latest read (the same as at for a single read)."
    lastAt: String!
    reads: Int!
  }

  "Management information for one service and channel, on one day (day set) or over the range."
  type MiRow {
    service: String!
    channel: Channel!
    day: String
    started: Int!
    submitted: Int!
    completed: Int!
    withdrawn: Int!
    decisions: Int!
    granted: Int!
    decisionsByOutcome: JSON!
    hoursToDecisionP50: Float
    hoursToDecisionP90: Float
    workingDaysToDecisionP50: Float
    workingDaysToDecisionP90: Float
    clocksStopped: Int!
    clocksMet: Int!
    slaMetRate: Float
    satisfactionRatings: [Int!]!
    satisfactionResponses: Int!
    satisfactionAverage: Float
    satisfiedRate: Float
    completionRate: Float
    digitalTakeUp: Float
    assistedDigitalShare: Float
    costPerTransaction: Float
  }
  type ManagementInformation {
    days: [MiRow!]!
    totals: [MiRow!]!
  }

  type BulkResult {
    caseId: ID!
    ok: Boolean!
    revision: String
    code: String
    message: String
  }

  input CaseFilter {
    service: [String!]
    status: [CaseStatus!]
    channel: [Channel!]
    team: [String!]
    assignee: [String!]
    slaState: [SlaState!]
    receivedFrom: String
    receivedTo: String
    text: String
  }
  input CaseSort {
    field: SortField!
    direction: SortDirection!
  }

  type Query {
    me: User!
    services: [Service!]!
    case(id: ID, reference: String): Case
    queue(
      queue: QueueId
      filter: CaseFilter
      sort: CaseSort
      first: Int = 25
      after: String
    ): CaseConnection!
    queueCounts: [QueueCount!]!
    "Team leaders and administrators: the caseworkers and team leaders who work every one of these teams, whom those teams' cases can be assigned to."
    assignableStaff(teams: [String!]!): [User!]!
    search(query: String!, first: Int = 20): SearchResult!
    auditTrail(caseId: ID!): [TimelineEntry!]!
    caseAsOf(caseId: ID!, revision: String, time: String): CaseAsOf!
    verifyCase(caseId: ID!): Verification!
    accessLog(caseId: ID!): [AccessEntry!]!
    managementInformation(
      from: String!
      to: String!
      service: String
      channel: Channel
    ): ManagementInformation!
    "Auditors and administrators: personal data due for erasure under each service's retention period."
    retentionReport: RetentionReport!
    "Administrators: webhook deliveries that failed every attempt (not yet retried, unless all)."
    failedDeliveries(all: Boolean = false): [FailedDelivery!]!
    "Imported rows the intake refused, for caseworkers to mend and submit, or discard."
    importExceptions(service: String): [ImportException!]!
  }

  type ImportException {
    id: ID!
    source: String!
    line: Int!
    service: String!
    channel: Channel!
    errors: [FieldError!]!
    "The row as it was in the file."
    row: JSON!
    createdAt: String!
  }
  type FieldError {
    path: [String!]!
    message: String!
  }

  type FailedDelivery {
    id: ID!
    endpointId: ID!
    eventId: ID!
    caseId: ID!
    reference: String!
    service: String!
    error: String!
    attempts: Int!
    failedAt: String!
    retriedAt: String
    retriedBy: String
  }

  type RetentionService {
    service: String!
    "ISO 8601 duration kept after closure, e.g. P6Y."
    afterClosure: String!
    basis: String!
    dueNow: Int!
    dueWithin30Days: Int!
  }
  type DueCase {
    caseId: ID!
    reference: String!
    service: String!
    closedAt: String!
    dueAt: String!
  }
  type RetentionFailure {
    reference: String!
    error: String!
  }
  type RetentionRun {
    runId: ID!
    startedAt: String!
    finishedAt: String!
    erased: [String!]!
    skipped: [String!]!
    failed: [RetentionFailure!]!
  }
  type RetentionReport {
    services: [RetentionService!]!
    due: [DueCase!]!
    lastRun: RetentionRun
  }

  type CaseResult {
    case: Case
    revision: String!
  }
  type Submission {
    caseId: ID!
    reference: String!
    status: CaseStatus!
    revision: String!
    created: Boolean!
  }
  type TakenCase {
    caseId: ID!
    reference: String!
    revision: String!
  }

  input SubmitApplicationInput {
    service: String!
    channel: Channel!
    answers: JSON!
    idempotencyKey: String!
    submittedAt: String
    externalReference: String
  }

  "Every change carries the revision the person saw; if the case has moved on, the change is refused with CONFLICT."
  input CaseChange {
    caseId: ID!
    expectedRevision: String!
  }

  "A case changed: refetch what you show of it."
  type CaseUpdate {
    caseId: ID!
    revision: String!
    type: String!
    team: String
    status: CaseStatus
  }

  type Subscription {
    "Changes to one case."
    caseUpdated(caseId: ID!): CaseUpdate!
    "Changes to any case in your teams, for live queues."
    queueChanged: CaseUpdate!
  }

  type Mutation {
    submitApplication(input: SubmitApplicationInput!): Submission!
    takeNextCase: TakenCase
    triageCase(change: CaseChange!, priority: Priority!, team: String!): CaseResult!
    assignCase(change: CaseChange!, assignee: String!): CaseResult!
    unassignCase(change: CaseChange!): CaseResult!
    transferTeam(change: CaseChange!, team: String!, reason: String!): CaseResult!
    amendAnswers(change: CaseChange!, changes: JSON!, reason: String!): CaseResult!
    attachDocument(
      change: CaseChange!
      evidenceType: String!
      filename: String!
      mediaType: String!
      sizeBytes: Int!
      sha256: String!
    ): CaseResult!
    requestInformation(change: CaseChange!, items: [String!]!, message: String!): CaseResult!
    recordInformationReceived(change: CaseChange!, summary: String!): CaseResult!
    addNote(change: CaseChange!, text: String!): CaseResult!
    recordDecision(change: CaseChange!, outcome: String!, reasons: String!): CaseResult!
    approveDecision(change: CaseChange!): CaseResult!
    rejectDecision(change: CaseChange!, reason: String!): CaseResult!
    closeCase(change: CaseChange!): CaseResult!
    withdrawApplication(change: CaseChange!, reason: String!): CaseResult!
    reopenCase(change: CaseChange!, reason: String!): CaseResult!
    extendClock(
      change: CaseChange!
      clock: String!
      workingDays: Int!
      reason: String!
    ): CaseResult!
    recordSatisfaction(change: CaseChange!, rating: Int!, comment: String): CaseResult!
    "Administrators: erase the applicant's personal data (their key is destroyed), giving the reason."
    erasePersonalData(change: CaseChange!, reason: String!): CaseResult!
    "Administrators: send a failed webhook delivery again, as a fresh series of attempts."
    retryFailedDelivery(id: ID!): FailedDelivery!
    "Submits mended answers for an import exception, through the same intake as every application."
    resolveImportException(id: ID!, answers: JSON!): Submission!
    discardImportException(id: ID!, reason: String!): Boolean!
    "Team leaders' bulk actions: each case succeeds or fails on its own, with a result per case."
    bulkAssign(cases: [CaseChange!]!, assignee: String!): [BulkResult!]!
    bulkTransferTeam(cases: [CaseChange!]!, team: String!, reason: String!): [BulkResult!]!
  }
`;
