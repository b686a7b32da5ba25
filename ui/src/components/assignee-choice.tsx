import { useEffect } from 'react';
import { useQuery } from '../graphql/use-query';
import { ROLE_NAMES, type StaffUser } from '../session';
import { Radios, Select } from './fields';

/**
 * Choosing whom to assign cases to, by name: the caseworkers and team leaders who work
 * every one of the cases' teams. Radios while there are few to choose from, as GOV.UK
 * prefers; a select when there are many.
 */
const ASSIGNABLE_STAFF = /* GraphQL */ `
  query AssignableStaff($teams: [String!]!) {
    assignableStaff(teams: $teams) {
      id
      name
      role
      teams
    }
  }
`;

const MOST_RADIOS = 8;

interface Props {
  id: string;
  /** The question: the radios' legend or the select's label. */
  question: string;
  teams: string[];
  value: string;
  onChange: (staffId: string) => void;
  error?: string | undefined;
}

export const AssigneeChoice = ({ id, question, teams, value, onChange, error }: Props) => {
  const { data, error: failed } = useQuery<{ assignableStaff: StaffUser[] }>(ASSIGNABLE_STAFF, {
    teams: [...new Set(teams)].sort(),
  });
  const staff = data?.assignableStaff;
  // A choice the list no longer offers (other cases selected, say) is no choice.
  useEffect(() => {
    if (staff && value && !staff.some((person) => person.id === value)) onChange('');
  }, [staff, value, onChange]);

  if (failed) return <p className="govuk-body">{failed.message}</p>;
  if (!staff) return <p className="govuk-body">Loading who can be assigned…</p>;
  if (staff.length === 0) {
    return <p className="govuk-body">Nobody who works these cases’ team can be assigned them.</p>;
  }
  const options = staff.map((person) => ({
    value: person.id,
    label: person.name,
    hint: ROLE_NAMES[person.role],
  }));
  return options.length <= MOST_RADIOS ? (
    <Radios
      id={id}
      legend={question}
      options={options}
      value={value}
      onChange={onChange}
      error={error}
    />
  ) : (
    <Select
      id={id}
      label={<span className="govuk-label--s">{question}</span>}
      options={[
        { value: '', label: 'Choose a member of staff' },
        ...options.map((o) => ({ value: o.value, label: `${o.label} (${o.hint})` })),
      ]}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
};
