import { useState, type FormEvent } from 'react';
import {
  Checkboxes,
  DateInput,
  dateParts,
  isoDate,
  TextInput,
  type DateParts,
  type Option,
} from '../../components/fields';
import { at, type FormErrors } from '../../components/form-errors';
import { CHANNEL_LABELS, formatDate, optionsOf, SLA_LABELS, STATUS_LABELS } from '../../format';
import { Link } from '../../router';
import { EMPTY_FILTER, type CaseFilter } from './queue-url';

/**
 * The MoJ filter: the filters in force as tags that remove themselves, then the options.
 * Filtering happens on the server; applying changes the address, which the page reads.
 * Its outer element stays while the queue page is mounted (MoJ's toggle shows and hides
 * it); what is inside starts afresh for each address, from the filter in that address.
 */
export interface FilterChoices {
  services: Option[];
  teams: Option[];
}

interface Props {
  /** Changes with the address, starting the options again from `filter`. */
  resetKey: string;
  filter: CaseFilter;
  choices: FilterChoices;
  /** The address of the page with another filter (first page, same order). */
  hrefWith: (filter: CaseFilter) => string;
  onApply: (filter: CaseFilter) => void;
  onInvalid: (errors: Record<string, string>) => void;
  errors: FormErrors;
}

type ListKey = 'service' | 'status' | 'channel' | 'team' | 'slaState';

/** The lists to tick, by the filter key each sets; the form and the selected tags show them in different orders. */
const listsOf = (
  choices: FilterChoices,
): Record<ListKey, { heading: string; options: Option[] }> => ({
  service: { heading: 'Service', options: choices.services },
  status: { heading: 'Status', options: optionsOf(STATUS_LABELS) },
  channel: { heading: 'Channel', options: optionsOf(CHANNEL_LABELS) },
  team: { heading: 'Team', options: choices.teams },
  slaState: { heading: 'Deadline', options: optionsOf(SLA_LABELS) },
});

const labelOf = (options: Option[], value: string) =>
  options.find((o) => o.value === value)?.label ?? value;

const SelectedFilters = ({
  filter,
  choices,
  hrefWith,
}: Pick<Props, 'filter' | 'choices' | 'hrefWith'>) => {
  const lists = listsOf(choices);
  const categories = [
    ...(['service', 'status', 'channel', 'team', 'slaState'] as const).map((key) => ({
      heading: lists[key].heading,
      tags: (filter[key] as string[]).map((value) => ({
        text: labelOf(lists[key].options, value),
        href: hrefWith({ ...filter, [key]: filter[key].filter((v) => v !== value) }),
      })),
    })),
    ...(
      [
        ['assignee', 'Assigned to', (v: string) => v],
        ['receivedFrom', 'Received from', formatDate],
        ['receivedTo', 'Received to', formatDate],
        ['text', 'Containing', (v: string) => `“${v}”`],
      ] as const
    ).map(([key, heading, show]) => ({
      heading,
      tags: filter[key]
        ? [{ text: show(filter[key]), href: hrefWith({ ...filter, [key]: '' }) }]
        : [],
    })),
  ].filter((c) => c.tags.length > 0);
  if (categories.length === 0) return null;
  return (
    <div className="moj-filter__selected">
      <div className="moj-filter__selected-heading">
        <div className="moj-filter__heading-title">
          <h2 className="govuk-heading-m">Selected filters</h2>
        </div>
        <div className="moj-filter__heading-action">
          <p>
            <Link className="govuk-link govuk-link--no-visited-state" href={hrefWith(EMPTY_FILTER)}>
              Clear filters
            </Link>
          </p>
        </div>
      </div>
      {categories.map((category) => (
        <div key={category.heading}>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-0">{category.heading}</h3>
          <ul className="moj-filter-tags">
            {category.tags.map((tag) => (
              <li key={tag.href}>
                <Link className="moj-filter__tag" href={tag.href}>
                  <span className="govuk-visually-hidden">Remove this filter</span> {tag.text}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
};

export const QueueFilter = ({ resetKey, ...props }: Props) => (
  <div className="moj-filter" data-module="moj-filter">
    <div className="moj-filter__header">
      <div className="moj-filter__header-title">
        <h2 className="govuk-heading-m">Filter</h2>
      </div>
      <div className="moj-filter__header-action" />
    </div>
    <FilterContent key={resetKey} {...props} />
  </div>
);

const FilterContent = (props: Omit<Props, 'resetKey'>) => {
  const [draft, setDraft] = useState(props.filter);
  const [from, setFrom] = useState<DateParts>(dateParts(props.filter.receivedFrom));
  const [to, setTo] = useState<DateParts>(dateParts(props.filter.receivedTo));
  const { errors } = props;
  const lists = listsOf(props.choices);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const receivedFrom = isoDate(from);
    const receivedTo = isoDate(to);
    const invalid: Record<string, string> = {};
    if (receivedFrom === null)
      invalid['filter-receivedFrom'] = 'Enter a real date for "received from"';
    if (receivedTo === null) invalid['filter-receivedTo'] = 'Enter a real date for "received to"';
    if (receivedFrom === null || receivedTo === null) return props.onInvalid(invalid);
    props.onApply({
      ...draft,
      receivedFrom,
      receivedTo,
      assignee: draft.assignee.trim(),
      text: draft.text.trim(),
    });
  };

  return (
    <div className="moj-filter__content">
      <SelectedFilters filter={props.filter} choices={props.choices} hrefWith={props.hrefWith} />
      <form className="moj-filter__options" onSubmit={apply} noValidate aria-label="Filter cases">
        <button type="submit" className="govuk-button">
          Apply filters
        </button>
        <TextInput
          {...at(errors.byField, 'filter-text')}
          label={<span className="govuk-label--s">Reference, name or postcode</span>}
          value={draft.text}
          onChange={(text) => setDraft({ ...draft, text })}
        />
        {(['service', 'status', 'slaState', 'channel', 'team'] as const).map((key) => (
          <Checkboxes
            key={key}
            id={`filter-${key}`}
            legend={lists[key].heading}
            options={lists[key].options}
            values={draft[key] as string[]}
            onChange={(values) => setDraft({ ...draft, [key]: values })}
            small
          />
        ))}
        <TextInput
          {...at(errors.byField, 'filter-assignee')}
          label={<span className="govuk-label--s">Assigned to</span>}
          hint="Staff ID, for example aisha.khan"
          value={draft.assignee}
          onChange={(assignee) => setDraft({ ...draft, assignee })}
          spellCheck={false}
        />
        <DateInput
          {...at(errors.byField, 'filter-receivedFrom')}
          legend="Received from"
          hint="For example, 27 3 2026"
          value={from}
          onChange={setFrom}
        />
        <DateInput
          {...at(errors.byField, 'filter-receivedTo')}
          legend="Received to"
          value={to}
          onChange={setTo}
        />
      </form>
    </div>
  );
};
