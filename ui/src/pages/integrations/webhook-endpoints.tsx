import { useState, type FormEvent } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { Checkboxes, TextInput } from '../../components/fields';
import { apiErrors, at, NO_ERRORS } from '../../components/form-errors';
import { ShownOnce } from '../../components/shown-once';
import { TableOrNone } from '../../components/table';
import { formatDateTime } from '../../format';
import { graphql, GraphQLRequestError } from '../../graphql/client';
import { useQuery } from '../../graphql/use-query';
import { Loading } from '../problem-pages';
import type { SectionProps } from './integrations-page';

const ENDPOINTS = /* GraphQL */ `
  query WebhookEndpoints {
    webhookEndpoints {
      id
      url
      description
      ownerName
      ownerKind
      services
      events
      createdAt
      secretRotatedAt
    }
    webhookEventTypes {
      type
      sentByDefault
    }
    services {
      id
      name
    }
  }
`;

const CREATE = /* GraphQL */ `
  mutation CreateWebhookEndpoint($input: WebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        url
      }
    }
  }
`;

const ROTATE = /* GraphQL */ `
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
    }
  }
`;

const DELETE = /* GraphQL */ `
  mutation DeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`;

interface Endpoint {
  id: string;
  url: string;
  description: string | null;
  ownerName: string;
  ownerKind: string;
  services: string[];
  events: string[];
  createdAt: string;
  secretRotatedAt: string | null;
}

interface Endpoints {
  webhookEndpoints: Endpoint[];
  webhookEventTypes: { type: string; sentByDefault: boolean }[];
  services: { id: string; name: string }[];
}

/** Events are named in the API's words (`DecisionApproved`); people read "Decision approved". */
const eventName = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A refused service or event (`input.events.0`) is shown on its group of checkboxes (`input.events`). */
const onGroups = (failure: unknown) =>
  failure instanceof GraphQLRequestError
    ? new GraphQLRequestError(
        failure.code,
        failure.message,
        failure.fieldErrors.map((f) => ({ ...f, path: f.path.slice(0, 2) })),
      )
    : failure;

/** Where case events are sent: every endpoint, integrators' and administrators', with their secrets rotated or deleted here. */
export const WebhookEndpoints = ({ report, errors }: SectionProps) => {
  const { data, error, reload } = useQuery<Endpoints>(ENDPOINTS);
  if (error) return <p className="govuk-body">{error.message}</p>;
  if (!data) return <Loading what="webhook endpoints" />;
  return <EndpointList data={data} reload={reload} report={report} errors={errors} />;
};

const EndpointList = ({
  data,
  reload,
  report,
  errors,
}: SectionProps & { data: Endpoints; reload: () => Promise<void> }) => {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [services, setServices] = useState<string[]>([]);
  const defaultEvents = data.webhookEventTypes.filter((e) => e.sentByDefault).map((e) => e.type);
  const [events, setEvents] = useState(defaultEvents);
  const [secret, setSecret] = useState<{ heading: string; secret: string } | null>(null);
  const serviceName = (id: string) => data.services.find((s) => s.id === id)?.name ?? id;

  const act = async (run: () => Promise<{ heading: string; secret: string } | null>) => {
    try {
      const shown = await run();
      report(NO_ERRORS);
      setSecret(shown);
      await reload();
    } catch (failure) {
      setSecret(null);
      report(apiErrors(onGroups(failure)));
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const { createWebhookEndpoint } = await graphql<{
        createWebhookEndpoint: { secret: string; endpoint: { url: string } };
      }>(CREATE, { input: { url, description: description || null, services, events } });
      setUrl('');
      setDescription('');
      setServices([]);
      setEvents(defaultEvents);
      return {
        heading: `Endpoint registered: the signing secret for ${createWebhookEndpoint.endpoint.url}`,
        secret: createWebhookEndpoint.secret,
      };
    });
  };

  return (
    <>
      {secret && <ShownOnce heading={secret.heading} secret={secret.secret} />}
      <TableOrNone
        none="No endpoints are registered."
        caption="Endpoints"
        rowKey={(e: Endpoint) => e.id}
        rows={data.webhookEndpoints}
        columns={[
          {
            header: 'Address',
            rowHeader: true,
            cell: (e) => (
              <>
                <span className="app-integration-id">{e.url}</span>
                {e.description && (
                  <div className="govuk-hint govuk-!-margin-bottom-0">{e.description}</div>
                )}
              </>
            ),
          },
          {
            header: 'Registered by',
            cell: (e) => `${e.ownerName} (${e.ownerKind === 'staff' ? 'staff' : 'API key'})`,
          },
          {
            header: 'Cases of',
            cell: (e) =>
              e.services.length ? e.services.map(serviceName).join(', ') : 'Every service',
          },
          { header: 'Events', cell: (e) => sentence(e.events.map(eventName).join(', ')) },
          {
            header: 'Secret',
            cell: (e) =>
              e.secretRotatedAt ? `Rotated ${formatDateTime(e.secretRotatedAt)}` : 'Original',
          },
          {
            header: 'Actions',
            cell: (e) => (
              <>
                <ConfirmAction
                  label="Rotate secret"
                  subject={`for ${e.url}`}
                  confirmLabel="Yes, rotate"
                  onConfirm={() =>
                    act(async () => {
                      const { rotateWebhookSecret } = await graphql<{
                        rotateWebhookSecret: { secret: string };
                      }>(ROTATE, { id: e.id });
                      return {
                        heading: `New signing secret for ${e.url}`,
                        secret: rotateWebhookSecret.secret,
                      };
                    })
                  }
                />{' '}
                <ConfirmAction
                  label="Delete"
                  subject={e.url}
                  confirmLabel="Yes, delete"
                  onConfirm={() =>
                    act(async () => {
                      await graphql(DELETE, { id: e.id });
                      return null;
                    })
                  }
                />
              </>
            ),
          },
        ]}
      />

      <h2 className="govuk-heading-m">Register an endpoint</h2>
      <form noValidate onSubmit={create} className="govuk-!-width-two-thirds">
        <TextInput
          {...at(errors, 'input-url')}
          label="Address (URL)"
          hint="Where case events are posted, signed per Standard Webhooks, like https://crm.example.gov.uk/casework"
          value={url}
          onChange={setUrl}
          spellCheck={false}
        />
        <TextInput
          {...at(errors, 'input-description')}
          label="Description (optional)"
          value={description}
          onChange={setDescription}
        />
        <Checkboxes
          {...at(errors, 'input-services')}
          legend="Cases of which services?"
          hint="Leave all unticked for every service"
          options={data.services.map((s) => ({ value: s.id, label: s.name }))}
          values={services}
          onChange={setServices}
        />
        <Checkboxes
          {...at(errors, 'input-events')}
          legend="Which events?"
          options={data.webhookEventTypes.map((e) => ({
            value: e.type,
            label: sentence(eventName(e.type)),
          }))}
          values={events}
          onChange={setEvents}
        />
        <button type="submit" className="govuk-button">
          Register endpoint
        </button>
      </form>
    </>
  );
};
