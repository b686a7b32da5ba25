import { useState, type FormEvent } from 'react';
import { AssigneeChoice } from '../../components/assignee-choice';
import { Select, Textarea, type Option } from '../../components/fields';
import { apiErrors, at, failing, localErrors, type FormErrors } from '../../components/form-errors';
import { NotificationBanner } from '../../components/notification-banner';
import { SecondarySubmit } from '../../components/secondary-button';
import { Table } from '../../components/table';
import { Tag } from '../../components/tags';
import { graphql } from '../../graphql/client';
import type { CaseRow } from './case-table';

/**
 * Bulk actions on the selected cases: assign them to someone, or (team leaders) move them
 * to another team. Each case succeeds or fails on its own; the result of each is listed.
 * They stay forms on the page rather than an MoJ button menu: each needs answers (whom
 * to, which team and why) that a menu item cannot ask for.
 */
const BULK_ASSIGN = /* GraphQL */ `
  mutation BulkAssign($cases: [CaseChange!]!, $assignee: String!) {
    bulkAssign(cases: $cases, assignee: $assignee) {
      caseId
      ok
      message
    }
  }
`;

const BULK_TRANSFER = /* GraphQL */ `
  mutation BulkTransferTeam($cases: [CaseChange!]!, $team: String!, $reason: String!) {
    bulkTransferTeam(cases: $cases, team: $team, reason: $reason) {
      caseId
      ok
      message
    }
  }
`;

interface BulkResult {
  caseId: string;
  ok: boolean;
  message: string | null;
}

export interface BulkOutcome {
  action: string;
  results: (BulkResult & { reference: string })[];
}

interface Props {
  selectedRows: CaseRow[];
  /** Team leaders may assign to anyone and move cases; caseworkers only take cases themselves. */
  leader: boolean;
  me: string;
  teams: Option[];
  onDone: (outcome: BulkOutcome) => void;
  onErrors: (errors: FormErrors) => void;
  errors: FormErrors;
}

const changes = (rows: CaseRow[]) =>
  rows.map((r) => ({ caseId: r.caseId, expectedRevision: r.revision }));

export const BulkActions = ({
  selectedRows,
  leader,
  me,
  teams,
  onDone,
  onErrors,
  errors,
}: Props) => {
  const [assignee, setAssignee] = useState(leader ? '' : me);
  const [team, setTeam] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (
    action: string,
    mutation: string,
    variables: Record<string, unknown>,
    key: string,
  ) => {
    setBusy(true);
    try {
      const data = await graphql<Record<string, BulkResult[]>>(mutation, {
        cases: changes(selectedRows),
        ...variables,
      });
      const references = new Map(selectedRows.map((r) => [r.caseId, r.reference]));
      onDone({
        action,
        results: data[key]!.map((r) => ({ ...r, reference: references.get(r.caseId) ?? r.caseId })),
      });
    } catch (error) {
      onErrors(apiErrors(error, { cases: 'select-all' }));
    } finally {
      setBusy(false);
    }
  };

  const nothingSelected: [boolean, string] = [
    selectedRows.length === 0,
    'Select at least one case',
  ];

  const assign = (event: FormEvent) => {
    event.preventDefault();
    const invalid = failing({
      'select-all': nothingSelected,
      // Whom to is chosen from those who work the selected cases' teams, once there are some.
      'bulk-assignee': [selectedRows.length > 0 && !assignee, 'Choose who to assign the cases to'],
    });
    if (Object.keys(invalid).length) return onErrors(localErrors(invalid));
    void run(`Assign to ${assignee}`, BULK_ASSIGN, { assignee }, 'bulkAssign');
  };

  const transfer = (event: FormEvent) => {
    event.preventDefault();
    const invalid = failing({
      'select-all': nothingSelected,
      'bulk-team': [!team, 'Choose the team to move the cases to'],
      'bulk-reason': [!reason.trim(), 'Enter why the cases are moving'],
    });
    if (Object.keys(invalid).length) return onErrors(localErrors(invalid));
    const name = teams.find((t) => t.value === team)?.label ?? team;
    void run(`Move to ${name}`, BULK_TRANSFER, { team, reason: reason.trim() }, 'bulkTransferTeam');
  };

  return (
    <div className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">With the selected cases</h2>
      <p className="govuk-body" role="status">
        {selectedRows.length === 1 ? '1 case selected' : `${selectedRows.length} cases selected`}
      </p>
      <form onSubmit={assign} noValidate aria-label="Assign the selected cases">
        {leader &&
          (selectedRows.length > 0 ? (
            <AssigneeChoice
              {...at(errors.byField, 'bulk-assignee')}
              question="Who should work on the selected cases?"
              teams={selectedRows.map((r) => r.team)}
              value={assignee}
              onChange={setAssignee}
            />
          ) : (
            <p className="govuk-body">Select cases to choose who to assign them to.</p>
          ))}
        <SecondarySubmit busy={busy}>
          {leader ? 'Assign selected cases' : 'Assign selected cases to me'}
        </SecondarySubmit>
      </form>
      {leader && (
        <form onSubmit={transfer} noValidate aria-label="Move the selected cases to another team">
          <Select
            {...at(errors.byField, 'bulk-team')}
            label="Move to team"
            options={[{ value: '', label: 'Choose a team' }, ...teams]}
            value={team}
            onChange={setTeam}
          />
          <Textarea
            {...at(errors.byField, 'bulk-reason')}
            label="Why are they moving?"
            rows={2}
            value={reason}
            onChange={setReason}
          />
          <SecondarySubmit busy={busy}>Move selected cases</SecondarySubmit>
        </form>
      )}
    </div>
  );
};

/** What happened to each case the last bulk action covered. */
export const BulkResults = ({ outcome }: { outcome: BulkOutcome }) => {
  const done = outcome.results.filter((r) => r.ok).length;
  return (
    <NotificationBanner
      success={done === outcome.results.length}
      heading={`${outcome.action}: ${done} of ${outcome.results.length} cases done`}
    >
      <Table
        caption="Result for each case"
        captionClass="govuk-table__caption--s"
        columns={[
          {
            header: 'Case',
            cell: (r: BulkOutcome['results'][number]) => r.reference,
            rowHeader: true,
          },
          {
            header: 'Result',
            cell: (r) => (r.ok ? <Tag colour="green">Done</Tag> : <Tag colour="red">Not done</Tag>),
          },
          { header: 'Detail', cell: (r) => r.message ?? '' },
        ]}
        rows={outcome.results}
        rowKey={(r) => r.caseId}
      />
    </NotificationBanner>
  );
};
