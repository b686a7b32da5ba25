import { useState, type FormEvent } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { Checkboxes, TextInput } from '../../components/fields';
import { apiErrors, NO_ERRORS } from '../../components/form-errors';
import { ShownOnce } from '../../components/shown-once';
import { TableOrNone } from '../../components/table';
import { Tag } from '../../components/tags';
import { formatDateTime } from '../../format';
import { graphql } from '../../graphql/client';
import { useQuery } from '../../graphql/use-query';
import { Loading } from '../problem-pages';
import type { SectionProps } from './integrations-page';

const API_KEYS = /* GraphQL */ `
  query ApiKeys {
    apiKeys {
      id
      name
      scopes
      createdAt
      revokedAt
    }
  }
`;

const CREATE = /* GraphQL */ `
  mutation CreateApiKey($name: String!, $scopes: [ApiKeyScope!]!) {
    createApiKey(name: $name, scopes: $scopes) {
      key
      apiKey {
        name
      }
    }
  }
`;

const REVOKE = /* GraphQL */ `
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id)
  }
`;

interface ApiKey {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

const SCOPES = [
  { value: 'intake', label: 'Submit applications (intake)' },
  { value: 'webhooks', label: 'Register webhook endpoints for case events (webhooks)' },
];

/** Integrators' API keys: made here (the key shown once), listed, revoked. */
export const ApiKeys = ({ report, errors }: SectionProps) => {
  const { data, error, reload } = useQuery<{ apiKeys: ApiKey[] }>(API_KEYS);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['intake']);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { createApiKey } = await graphql<{
        createApiKey: { key: string; apiKey: { name: string } };
      }>(CREATE, { name, scopes });
      report(NO_ERRORS);
      setCreated({ name: createApiKey.apiKey.name, key: createApiKey.key });
      setName('');
      await reload();
    } catch (failure) {
      setCreated(null);
      report(apiErrors(failure));
    }
  };
  const revoke = async (key: ApiKey) => {
    try {
      await graphql(REVOKE, { id: key.id });
      report(NO_ERRORS);
      await reload();
    } catch (failure) {
      report(apiErrors(failure));
    }
  };

  return (
    <>
      {created && (
        <ShownOnce heading={`API key created for ${created.name}`} secret={created.key} />
      )}
      {error ? (
        <p className="govuk-body">{error.message}</p>
      ) : !data ? (
        <Loading what="API keys" />
      ) : (
        <TableOrNone
          none="There are no API keys yet."
          caption="Keys"
          rowKey={(k: ApiKey) => k.id}
          rows={data.apiKeys}
          columns={[
            { header: 'Name', rowHeader: true, cell: (k) => k.name },
            { header: 'Allows', cell: (k) => k.scopes.join(', ') },
            { header: 'Created', cell: (k) => formatDateTime(k.createdAt) },
            {
              header: 'Status',
              cell: (k) =>
                k.revokedAt ? (
                  <Tag colour="grey">Revoked {formatDateTime(k.revokedAt)}</Tag>
                ) : (
                  <Tag colour="green">Active</Tag>
                ),
            },
            {
              header: 'Action',
              cell: (k) =>
                k.revokedAt ? null : (
                  <ConfirmAction
                    label="Revoke"
                    subject={k.name}
                    confirmLabel="Yes, revoke"
                    onConfirm={() => revoke(k)}
                  />
                ),
            },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Create an API key</h2>
      <form noValidate onSubmit={create} className="govuk-!-width-two-thirds">
        <TextInput
          id="name"
          label="Name"
          hint="Who or what will use it, like council-web-forms"
          value={name}
          onChange={setName}
          error={errors.name}
          spellCheck={false}
        />
        <Checkboxes
          id="scopes"
          legend="What it allows"
          options={SCOPES}
          values={scopes}
          onChange={setScopes}
          error={errors.scopes}
        />
        <button type="submit" className="govuk-button">
          Create API key
        </button>
      </form>
    </>
  );
};
