import { useMemo, useState } from 'react';
import { FormErrorSummary } from '../../components/error-summary';
import { apiErrors, hasErrors, NO_ERRORS, type FormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { formatDate } from '../../format';
import { useQuery } from '../../graphql/use-query';
import { navigate, useLocation, withQuery } from '../../router';
import { Loading, ProblemPage } from '../problem-pages';
import { KpiTables } from './kpi-tables';
import { DigitalTakeUpChart, SlaComplianceChart, TimeToDecisionChart } from './mi-charts';
import {
  MANAGEMENT_INFORMATION,
  SERVICES,
  type ManagementInformation,
  type MiService,
} from './mi-data';
import { MiFilters, type MiFilter } from './mi-filters';
import './mi.css';

/**
 * Management information for service owners and team leaders: the KPIs of each service
 * on each channel over a chosen period, and charts of digital take-up, time to decision
 * and service levels met.
 */
const londonToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

const DEFAULT_DAYS = 30;

const filterFrom = (query: URLSearchParams): MiFilter => {
  const to = query.get('to') ?? londonToday();
  const from =
    query.get('from') ??
    new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  return { from, to, service: query.get('service') ?? '', channel: query.get('channel') ?? '' };
};

export const ManagementInformationPage = () => {
  const location = useLocation();
  const filter = filterFrom(location.query);
  const services = useQuery<{ services: MiService[] }>(SERVICES);
  const figures = useQuery<ManagementInformation>(MANAGEMENT_INFORMATION, {
    from: filter.from,
    to: filter.to,
    service: filter.service || null,
    channel: filter.channel || null,
  });
  const [filterErrors, setFilterErrors] = useState<FormErrors>(NO_ERRORS);
  // The API's refusals (a range too long, say) point at the date fields.
  const serverErrors = useMemo(
    () => (figures.error ? apiErrors(figures.error) : NO_ERRORS),
    [figures.error],
  );
  const errors = hasErrors(filterErrors) ? filterErrors : serverErrors;
  usePageTitle('Management information', hasErrors(errors));

  if (services.error)
    return (
      <ProblemPage title="Management information unavailable" message={services.error.message} />
    );
  if (!services.data) return <Loading what="services" />;
  const shownServices = services.data.services.filter(
    (s) => !filter.service || s.id === filter.service,
  );
  const apply = (chosen: MiFilter) => {
    setFilterErrors(NO_ERRORS);
    navigate(withQuery(location.pathname, { ...chosen }));
  };

  return (
    <>
      <FormErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">Management information</h1>
      <MiFilters
        key={location.href}
        filter={filter}
        services={services.data.services}
        errors={errors.byField}
        onApply={apply}
        onErrors={setFilterErrors}
      />
      {figures.data && !figures.error ? (
        <>
          <h2 className="govuk-heading-m">
            {formatDate(filter.from)} to {formatDate(filter.to)}
          </h2>
          <DigitalTakeUpChart
            from={filter.from}
            to={filter.to}
            days={figures.data.managementInformation.days}
            services={shownServices}
            totals={figures.data.managementInformation.totals}
          />
          <TimeToDecisionChart bands={figures.data.timeToDecision} />
          <SlaComplianceChart
            services={shownServices}
            totals={figures.data.managementInformation.totals}
          />
          <h2 className="govuk-heading-m">Key performance indicators</h2>
          <KpiTables services={shownServices} totals={figures.data.managementInformation.totals} />
        </>
      ) : figures.loading ? (
        <Loading what="the figures" />
      ) : null}
    </>
  );
};
