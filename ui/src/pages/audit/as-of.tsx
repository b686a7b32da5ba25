import { useState, type FormEvent } from 'react';
import { answerText } from '../../components/answer-text';
import { DateInput, dateParts, isoDate, Select, TextInput } from '../../components/fields';
import { at, localErrors, type FormErrors } from '../../components/form-errors';
import { SecondarySubmit } from '../../components/secondary-button';
import { SummaryList } from '../../components/summary-list';
import { StatusTag } from '../../components/tags';
import { formatDateTime } from '../../format';
import { useQuery } from '../../graphql/use-query';
import {
  CASE_AS_OF,
  spoken,
  type AuditedCase,
  type AuditEvent,
  type CaseState,
} from './audit-data';
import { londonInstant } from './london-time';

/** Which past moment to show: after a given revision, or as things stood at a time. */
export type AsOf = { revision: string } | { time: string };

/**
 * The "as of" control: choose a revision from the history, or a UK date and time. The
 * choice goes into the address, so a view of the past can be shared with a colleague.
 */
export const AsOfControl = ({
  events,
  asOf,
  onChoose,
  onErrors,
  errors,
}: {
  events: AuditEvent[];
  asOf: AsOf | null;
  onChoose: (asOf: AsOf) => void;
  onErrors: (errors: FormErrors) => void;
  errors: Record<string, string>;
}) => {
  const last = events[events.length - 1];
  const [revision, setRevision] = useState(
    asOf && 'revision' in asOf ? asOf.revision : (last?.revision ?? '0'),
  );
  const shownTime = asOf && 'time' in asOf ? new Date(asOf.time) : null;
  const [date, setDate] = useState(dateParts(shownTime?.toISOString().slice(0, 10)));
  const [time, setTime] = useState('');

  const byTime = (event: FormEvent) => {
    event.preventDefault();
    const day = isoDate(date);
    const instant = day ? londonInstant(day, time) : null;
    if (!day || !instant) {
      return onErrors(
        localErrors({
          ...(day ? {} : { 'as-of-date': 'Enter a real date, like 27 3 2026' }),
          ...(instant || !day
            ? {}
            : { 'as-of-time': 'Enter a time on the 24-hour clock, like 14:30' }),
        }),
      );
    }
    onChoose({ time: instant });
  };

  return (
    <div className="govuk-grid-row">
      <form
        className="govuk-grid-column-one-half"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onChoose({ revision });
        }}
      >
        <Select
          id="as-of-revision"
          label="Show the case after revision"
          options={events.map((e) => ({
            value: e.revision,
            label: `${e.revision}: ${e.type} (${formatDateTime(e.occurredAt)})`,
          }))}
          value={revision}
          onChange={setRevision}
        />
        <SecondarySubmit>Show this revision</SecondarySubmit>
      </form>
      <form className="govuk-grid-column-one-half" noValidate onSubmit={byTime}>
        <DateInput
          {...at(errors, 'as-of-date')}
          legend="Or show the case as it was on"
          hint="For example, 27 3 2026"
          value={date}
          onChange={setDate}
        />
        <TextInput
          {...at(errors, 'as-of-time')}
          label="At (UK time)"
          hint="On the 24-hour clock, like 14:30"
          width={5}
          value={time}
          onChange={setTime}
        />
        <SecondarySubmit>Show this time</SecondarySubmit>
      </form>
    </div>
  );
};

/** The case as the decider saw it at the chosen point: status, ownership and answers. */
export const CaseAsOfView = ({
  caseId,
  asOf,
  service,
}: {
  caseId: string;
  asOf: AsOf;
  service: AuditedCase['service'];
}) => {
  const { data, error } = useQuery<{ caseAsOf: { revision: string; state: CaseState } }>(
    CASE_AS_OF,
    { caseId, ...asOf },
  );
  const heading =
    'revision' in asOf
      ? `The case after revision ${asOf.revision}`
      : `The case as it was at ${formatDateTime(asOf.time)}`;
  if (error) return <p className="govuk-body">{error.message}</p>;
  if (!data) return <p className="govuk-body">Replaying the history…</p>;
  const { revision, state } = data.caseAsOf;
  if (!state.exists) {
    return (
      <section aria-labelledby="as-of-heading">
        <h2 className="govuk-heading-m" id="as-of-heading">
          {heading}
        </h2>
        <p className="govuk-body">The application had not been made yet.</p>
      </section>
    );
  }
  const outcomeLabel = (id: string) => service.outcomes.find((o) => o.id === id)?.label ?? id;
  return (
    <section aria-labelledby="as-of-heading" data-as-of-revision={revision}>
      <h2 className="govuk-heading-m" id="as-of-heading">
        {heading}
      </h2>
      <SummaryList
        rows={[
          { key: 'Revision', value: revision },
          { key: 'Status', value: <StatusTag status={state.status} /> },
          { key: 'Team', value: state.team },
          { key: 'Assigned to', value: state.assignee ?? 'Nobody' },
          { key: 'Priority', value: spoken(state.priority) },
          { key: 'Outcome', value: state.outcome ? outcomeLabel(state.outcome) : 'None' },
          {
            key: 'Decision awaiting approval',
            value: state.pendingDecision
              ? `${outcomeLabel(state.pendingDecision.outcome)}, by ${state.pendingDecision.decidedBy.id}`
              : 'None',
          },
          {
            key: 'Information requested',
            value: state.openRequest ? state.openRequest.items.join('; ') : 'None outstanding',
          },
          { key: 'Documents', value: String(state.documents.length) },
          { key: 'Notes', value: String(state.notes) },
        ]}
      />
      {service.sections.map((section) => {
        const answered = section.fields.filter((f) => f.id in state.answers);
        return answered.length === 0 ? null : (
          <div key={section.id}>
            <h3 className="govuk-heading-s">{section.title}</h3>
            <SummaryList
              rows={answered.map((f) => ({
                key: f.label,
                value: answerText(f, state.answers[f.id]),
              }))}
            />
          </div>
        );
      })}
    </section>
  );
};
