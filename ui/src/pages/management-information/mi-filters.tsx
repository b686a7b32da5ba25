import { useState, type FormEvent } from 'react';
import { DateInput, dateParts, isoDate, Select } from '../../components/fields';
import { localErrors, type FormErrors } from '../../components/form-errors';
import { CHANNEL_LABELS, optionsOf } from '../../format';
import type { MiService } from './mi-data';

/** The period and filters the figures are for; kept in the address, so a view can be shared. */
export interface MiFilter {
  from: string;
  to: string;
  service: string;
  channel: string;
}

export const MiFilters = ({
  filter,
  services,
  errors,
  onApply,
  onErrors,
}: {
  filter: MiFilter;
  services: MiService[];
  errors: Record<string, string>;
  onApply: (filter: MiFilter) => void;
  onErrors: (errors: FormErrors) => void;
}) => {
  const [from, setFrom] = useState(dateParts(filter.from));
  const [to, setTo] = useState(dateParts(filter.to));
  const [service, setService] = useState(filter.service);
  const [channel, setChannel] = useState(filter.channel);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const start = isoDate(from);
    const end = isoDate(to);
    if (!start || !end) {
      return onErrors(
        localErrors({
          ...(start ? {} : { from: 'Enter a real start date, like 1 3 2026' }),
          ...(end ? {} : { to: 'Enter a real end date, like 31 3 2026' }),
        }),
      );
    }
    onApply({ from: start, to: end, service, channel });
  };

  return (
    <form noValidate onSubmit={apply} className="app-mi-filters">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <DateInput id="from" legend="From" value={from} onChange={setFrom} error={errors.from} />
        </div>
        <div className="govuk-grid-column-one-half">
          <DateInput id="to" legend="To" value={to} onChange={setTo} error={errors.to} />
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Select
            id="service"
            label="Service"
            options={[
              { value: '', label: 'All services' },
              ...services.map((s) => ({ value: s.id, label: s.name })),
            ]}
            value={service}
            onChange={setService}
          />
        </div>
        <div className="govuk-grid-column-one-half">
          <Select
            id="channel"
            label="Channel"
            options={[{ value: '', label: 'All channels' }, ...optionsOf(CHANNEL_LABELS)]}
            value={channel}
            onChange={setChannel}
          />
        </div>
      </div>
      <button type="submit" className="govuk-button">
        Show figures
      </button>
    </form>
  );
};
