import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../components/error-summary';
import { Radios } from '../../components/fields';
import { hasErrors, localErrors, NO_ERRORS, type FormErrors } from '../../components/form-errors';
import { usePageTitle } from '../../components/page-title';
import { navigate } from '../../router';
import { KEYED_CHANNELS } from './channels';

/** First step of keying an application: which service it is for and how it arrived. */
export const ChooseService = ({
  services,
  service: initialService,
  channel: initialChannel,
}: {
  services: { id: string; name: string; description: string }[];
  service: string;
  channel: string;
}) => {
  const [service, setService] = useState(initialService);
  const [channel, setChannel] = useState(initialChannel);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('New application', hasErrors(errors));

  const next = (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!service) missing.service = 'Select the service the application is for';
    if (!channel) missing.channel = 'Select how the application arrived';
    if (Object.keys(missing).length) return setErrors(localErrors(missing));
    navigate(`/applications/new/${service}/${channel}`);
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors.links} attempt={errors.attempt} />
        <h1 className="govuk-heading-l">New application</h1>
        <p className="govuk-body">
          Key an application made by phone, by post or with assisted digital help. It is checked
          exactly as an online application is.
        </p>
        <form noValidate onSubmit={next}>
          <Radios
            id="service"
            legend="Which service is the application for?"
            legendClass="govuk-fieldset__legend--m"
            options={services.map((s) => ({ value: s.id, label: s.name, hint: s.description }))}
            value={service}
            onChange={setService}
            error={errors.byField.service}
          />
          <Radios
            id="channel"
            legend="How did the application arrive?"
            legendClass="govuk-fieldset__legend--m"
            options={KEYED_CHANNELS}
            value={channel}
            onChange={setChannel}
            error={errors.byField.channel}
          />
          <button type="submit" className="govuk-button">
            Continue
          </button>
        </form>
      </div>
    </div>
  );
};
