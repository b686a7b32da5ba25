import { answerText } from '../../components/answer-text';
import { SummaryList } from '../../components/summary-list';
import { Table, TableOrNone } from '../../components/table';
import { PriorityTag, StatusTag, Tag } from '../../components/tags';
import { CHANNEL_LABELS, formatDate, formatDateTime, humanise } from '../../format';
import type { CaseDetail } from './case-data';

/** The parts of a case page: who and where it is, the answers, evidence, notes and clocks. */
type Props = { detail: CaseDetail };

const teamName = (c: CaseDetail, team: string) =>
  c.service.teams.find((t) => t.id === team)?.name ?? team;
const outcomeLabel = (c: CaseDetail, outcome: string) =>
  c.service.outcomes.find((o) => o.id === outcome)?.label ?? outcome;
const byline = (actor: { id: string; role: string }) =>
  `${actor.id} (${actor.role.replace('_', ' ')})`;

export const CaseSummary = ({ detail: c }: Props) => (
  <SummaryList
    rows={[
      { key: 'Status', value: <StatusTag status={c.status} /> },
      { key: 'Stage', value: humanise(c.stage) },
      ...(c.outcome ? [{ key: 'Outcome', value: outcomeLabel(c, c.outcome) }] : []),
      { key: 'Priority', value: <PriorityTag priority={c.priority} /> },
      { key: 'Team', value: teamName(c, c.team) },
      { key: 'Assigned to', value: c.assignee ?? 'Nobody' },
      { key: 'Channel', value: CHANNEL_LABELS[c.channel] },
      { key: 'Received', value: formatDateTime(c.submittedAt) },
      ...(c.keyedBy ? [{ key: 'Keyed by', value: byline(c.keyedBy) }] : []),
      ...(c.externalReference ? [{ key: 'External reference', value: c.externalReference }] : []),
      ...(c.exception ? [{ key: 'Exception', value: c.exception }] : []),
    ]}
  />
);

export const Answers = ({ detail: c }: Props) => (
  <section aria-labelledby="answers">
    <h2 className="govuk-heading-l" id="answers">
      Answers
    </h2>
    {c.personalDataErasedAt && (
      <p className="govuk-inset-text">
        The applicant&apos;s personal data was erased on {formatDateTime(c.personalDataErasedAt)}.
      </p>
    )}
    {c.service.sections.map((section) => {
      const answered = section.fields.filter((f) => c.answers[f.id] !== undefined);
      if (answered.length === 0) return null;
      return (
        <div key={section.id}>
          <h3 className="govuk-heading-m">{section.title}</h3>
          <SummaryList
            rows={answered.map((f) => ({ key: f.label, value: answerText(f, c.answers[f.id]) }))}
          />
        </div>
      );
    })}
  </section>
);

export const Documents = ({ detail: c }: Props) => (
  <section aria-labelledby="documents">
    <h2 className="govuk-heading-l" id="documents">
      Documents
    </h2>
    <TableOrNone
      none="No documents have been attached."
      caption="Documents attached to the case"
      captionClass="govuk-visually-hidden"
      columns={[
        {
          header: 'File',
          cell: (d: CaseDetail['documents'][number]) => d.filename,
          rowHeader: true,
        },
        { header: 'Evidence', cell: (d) => d.evidenceType },
        { header: 'Size', cell: (d) => `${Math.ceil(d.sizeBytes / 1024)} KB`, numeric: true },
        {
          header: 'Attached',
          cell: (d) => `${formatDateTime(d.attachedAt)} by ${d.attachedBy.id}`,
        },
      ]}
      rows={c.documents}
      rowKey={(d) => d.documentId}
    />
  </section>
);

export const Notes = ({ detail: c }: Props) => (
  <section aria-labelledby="notes">
    <h2 className="govuk-heading-l" id="notes">
      Notes
    </h2>
    {c.notes.length === 0 ? (
      <p className="govuk-body">There are no notes.</p>
    ) : (
      c.notes.map((n) => (
        <div className="govuk-inset-text" key={n.noteId}>
          <p className="govuk-body govuk-!-margin-bottom-1">{n.text}</p>
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            {byline(n.by)}, {formatDateTime(n.at)}
          </p>
        </div>
      ))
    )}
  </section>
);

export const InformationRequests = ({ detail: c }: Props) =>
  c.informationRequests.length === 0 ? null : (
    <section aria-labelledby="requests">
      <h2 className="govuk-heading-l" id="requests">
        Information requested
      </h2>
      {c.informationRequests.map((r) => (
        <SummaryList
          key={r.requestId}
          rows={[
            {
              key: 'Asked for',
              value: (
                <ul className="govuk-list govuk-list--bullet">
                  {r.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              ),
            },
            { key: 'Message', value: r.message },
            { key: 'Requested', value: `${formatDateTime(r.requestedAt)} by ${r.requestedBy.id}` },
            {
              key: 'Received',
              value: r.receivedAt
                ? `${formatDateTime(r.receivedAt)}: ${r.summary ?? ''}`
                : 'Not yet',
            },
          ]}
        />
      ))}
    </section>
  );

export const Decisions = ({ detail: c }: Props) =>
  c.decisions.length === 0 ? null : (
    <section aria-labelledby="decisions">
      <h2 className="govuk-heading-l" id="decisions">
        Decisions
      </h2>
      {c.decisions.map((d) => (
        <SummaryList
          key={d.decisionId}
          rows={[
            { key: 'Outcome', value: outcomeLabel(c, d.outcome) },
            { key: 'Reasons', value: d.reasons },
            { key: 'Decided', value: `${formatDateTime(d.decidedAt)} by ${d.decidedBy.id}` },
            {
              key: 'Approval',
              value: !d.needsApproval
                ? 'Not needed'
                : !d.review
                  ? 'Waiting for a second person to approve it'
                  : `${d.review.approved ? 'Approved' : `Rejected: ${d.review.reason ?? ''}`} by ${d.review.by.id}, ${formatDateTime(d.review.at)}`,
            },
          ]}
        />
      ))}
    </section>
  );

const clockState = (clock: CaseDetail['clocks'][number]) => {
  if (clock.withdrawn) return <Tag colour="grey">Withdrawn</Tag>;
  if (clock.stoppedOn)
    return clock.met ? <Tag colour="green">Met</Tag> : <Tag colour="red">Missed</Tag>;
  if (clock.pausedSince) return <Tag colour="yellow">Paused</Tag>;
  return <Tag colour="blue">Running</Tag>;
};

export const Clocks = ({ detail: c }: Props) => (
  <Table
    caption="Service levels"
    captionClass="govuk-table__caption--l"
    columns={[
      { header: 'Clock', cell: (k: CaseDetail['clocks'][number]) => k.label, rowHeader: true },
      { header: 'State', cell: clockState },
      { header: 'Started', cell: (k) => formatDate(k.startedOn) },
      { header: 'Deadline', cell: (k) => (k.deadlineOn ? formatDate(k.deadlineOn) : 'None') },
      {
        header: 'Paused',
        cell: (k) =>
          k.pausedSince
            ? `Since ${formatDate(k.pausedSince)}`
            : `${k.pausedWorkingDays} working days`,
      },
      { header: 'Extended by', cell: (k) => `${k.extendedWorkingDays} working days` },
      { header: 'Stopped', cell: (k) => (k.stoppedOn ? formatDate(k.stoppedOn) : 'Not yet') },
    ]}
    rows={c.clocks}
    rowKey={(k) => k.clock}
  />
);
