import { useState, type ComponentType } from 'react';
import { FormErrorSummary } from '../../components/error-summary';
import { hasErrors, NO_ERRORS, type FormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { SubNavigation } from '../../components/sub-navigation';
import { useLocation } from '../../router';
import { NotFoundPage } from '../problem-pages';
import { ApiKeys } from './api-keys';
import { FailedDeliveries } from './failed-deliveries';
import { ImportExceptions } from './import-exceptions';
import { ReadModels } from './read-models';
import { WebhookEndpoints } from './webhook-endpoints';
import './integrations.css';

/**
 * Administrators' integrations, a part per address: integrators' API keys, the webhook
 * endpoints that receive case events, deliveries that failed every attempt, imported
 * rows the intake refused, and how each read model keeps up with the log.
 */
export interface SectionProps {
  /** Shows what went wrong in the page's error summary (none: clears it). */
  report: (errors: FormErrors) => void;
  errors: Record<string, string>;
}

const SECTIONS: { href: string; text: string; page: ComponentType<SectionProps> }[] = [
  { href: '/integrations', text: 'API keys', page: ApiKeys },
  { href: '/integrations/webhooks', text: 'Webhook endpoints', page: WebhookEndpoints },
  { href: '/integrations/failed-deliveries', text: 'Failed deliveries', page: FailedDeliveries },
  { href: '/integrations/import-exceptions', text: 'Import exceptions', page: ImportExceptions },
  { href: '/integrations/read-models', text: 'Read models', page: ReadModels },
];

export const IntegrationsPage = () => {
  const { pathname } = useLocation();
  const section = SECTIONS.find((s) => s.href === pathname);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(section ? `${section.text} – Integrations` : 'Page not found', hasErrors(errors));
  if (!section) return <NotFoundPage />;
  const Section = section.page;
  return (
    <>
      <FormErrorSummary errors={errors} />
      <span className="govuk-caption-l">Integrations</span>
      <h1 className="govuk-heading-l">{section.text}</h1>
      <SubNavigation label="Integrations" items={SECTIONS} current={section.href} />
      <Section report={setErrors} errors={errors.byField} />
    </>
  );
};
