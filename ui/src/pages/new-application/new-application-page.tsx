import { useState } from 'react';
import { SERVICE_FORM, type ServiceForm } from '../../components/service-form';
import { useQuery } from '../../graphql/use-query';
import { useLocation } from '../../router';
import type { PageProps } from '../../routes';
import { Loading, NotFoundPage, ProblemPage } from '../problem-pages';
import { isKeyedChannel } from './channels';
import { ChooseService } from './choose-service';
import { KeyAnswers, type Submitted } from './key-answers';
import { SubmittedPanel } from './submitted-panel';

const SERVICES = /* GraphQL */ `
  query ServiceForms {
    services {
      ${SERVICE_FORM}
    }
  }
`;

const useServices = () => useQuery<{ services: ServiceForm[] }>(SERVICES);

/**
 * Keying a phone, post or assisted-digital application, first step: the service and how
 * it arrived. The next step's address names both, so a refresh keeps them.
 */
export const NewApplicationPage = () => {
  const { query } = useLocation();
  const { data, error } = useServices();
  if (error) return <ProblemPage title="Services unavailable" message={error.message} />;
  if (!data) return <Loading what="services" />;
  const channel = query.get('channel');
  return (
    <ChooseService
      services={data.services}
      service={data.services.find((s) => s.id === query.get('service'))?.id ?? ''}
      channel={isKeyedChannel(channel) ? channel : ''}
    />
  );
};

/** Second step: the service's questions, then the case's reference. */
export const KeyApplicationPage = ({ params }: PageProps) => {
  const { data, error } = useServices();
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  if (error) return <ProblemPage title="Services unavailable" message={error.message} />;
  if (!data) return <Loading what="the service's form" />;
  const form = data.services.find((s) => s.id === params.service);
  const channel = params.channel ?? null;
  if (!form || !isKeyedChannel(channel)) return <NotFoundPage />;
  return submitted ? (
    <SubmittedPanel submitted={submitted} service={form.id} channel={channel} />
  ) : (
    <KeyAnswers form={form} channel={channel} onSubmitted={setSubmitted} />
  );
};
