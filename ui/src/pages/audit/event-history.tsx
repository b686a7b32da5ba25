import { answerText } from '../../components/answer-text';
import { fieldsOf, type ServiceForm } from '../../components/service-form';
import { Table } from '../../components/table';
import { formatDateTime } from '../../format';
import { spoken, type AuditEvent, type FieldChange } from './audit-data';

/**
 * Every event on the case, oldest first: what happened, who did it in which role, on
 * which channel, when it happened and when it was recorded, the correlation id that ties
 * it to the request that caused it, and each field's value before and after.
 */
const Changes = ({ event, service }: { event: AuditEvent; service: ServiceForm }) => {
  const fields = fieldsOf(service);
  const text = (change: FieldChange, value: unknown) =>
    answerText(
      fields.find((f) => f.id === change.field),
      value,
    );
  return (
    <table className="govuk-table govuk-!-margin-top-2 govuk-!-margin-bottom-0 app-changes">
      <caption className="govuk-table__caption govuk-visually-hidden">
        Changes at revision {event.revision}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {['Field', 'Before', 'After'].map((h) => (
            <th key={h} scope="col" className="govuk-table__header govuk-!-font-size-16">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {event.changes.map((change) => (
          <tr className="govuk-table__row" key={change.field}>
            <th scope="row" className="govuk-table__header govuk-!-font-size-16">
              {change.label}
            </th>
            <td className="govuk-table__cell govuk-!-font-size-16">
              {text(change, change.before)}
            </td>
            <td className="govuk-table__cell govuk-!-font-size-16">{text(change, change.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

const When = ({ event }: { event: AuditEvent }) => (
  <>
    <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
    {event.recordedAt.slice(0, 16) !== event.occurredAt.slice(0, 16) && (
      <div className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">
        recorded <time dateTime={event.recordedAt}>{formatDateTime(event.recordedAt)}</time>
      </div>
    )}
  </>
);

export const EventHistory = ({
  events,
  service,
  current,
}: {
  events: AuditEvent[];
  service: ServiceForm;
  /** The revision the "as of" view shows, marked in the history. */
  current: string | null;
}) => (
  <Table
    caption="Event history"
    className="app-event-history"
    rowKey={(e: AuditEvent) => e.eventId}
    rows={events}
    columns={[
      {
        header: 'Revision',
        rowHeader: true,
        cell: (e) => (
          <>
            {e.revision}
            {e.revision === current && (
              <div>
                <strong className="govuk-tag govuk-tag--blue">Shown</strong>
              </div>
            )}
          </>
        ),
      },
      {
        header: 'What happened',
        cell: (e) => (
          <>
            {e.summary}
            <div className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">{e.type}</div>
            {e.changes.length > 0 && <Changes event={e} service={service} />}
          </>
        ),
      },
      {
        header: 'By',
        cell: (e) => (
          <>
            {e.actorId}
            <div className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">
              {spoken(e.actorRole)}
            </div>
          </>
        ),
      },
      { header: 'Channel', cell: (e) => spoken(e.channel) },
      { header: 'When', cell: (e) => <When event={e} /> },
      {
        header: 'Correlation id',
        cell: (e) => <code className="app-identifier">{e.correlationId}</code>,
      },
    ]}
  />
);
