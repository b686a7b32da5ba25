import { useState } from 'react';
import { apiErrors, NO_ERRORS } from '../../components/form-errors';
import { NotificationBanner } from '../../components/notification-banner';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { Tag } from '../../components/tags';
import { formatDateTime } from '../../format';
import { graphql } from '../../graphql/client';
import { useQuery } from '../../graphql/use-query';
import { Loading } from '../problem-pages';
import type { SectionProps } from './integrations-page';

const READ_MODELS = /* GraphQL */ `
  query ReadModelHealth {
    readModelHealth {
      name
      eventsBehind
      secondsBehind
      stall {
        eventId
        eventType
        streamId
        position
        error
        attempts
        stalledAt
        lastAttemptAt
        resumeRequestedAt
      }
    }
  }
`;

const RESUME = /* GraphQL */ `
  mutation ResumeReadModel($name: String!) {
    resumeReadModel(name: $name)
  }
`;

interface Stall {
  eventId: string;
  eventType: string;
  streamId: string;
  position: string;
  error: string;
  attempts: number;
  stalledAt: string;
  lastAttemptAt: string;
  resumeRequestedAt: string | null;
}

interface ReadModel {
  name: string;
  eventsBehind: number | null;
  secondsBehind: number | null;
  stall: Stall | null;
}

const state = (model: ReadModel) => {
  if (model.stall) return <Tag colour="red">Stalled</Tag>;
  if (model.eventsBehind === null) return <Tag colour="green">Running</Tag>;
  if (model.eventsBehind === 0) return <Tag colour="green">Up to date</Tag>;
  return <Tag colour="yellow">Catching up</Tag>;
};

const plural = (n: number, one: string) =>
  `${n.toLocaleString('en-GB')} ${one}${n === 1 ? '' : 's'}`;

const behind = (model: ReadModel) => {
  if (model.eventsBehind === null) return 'Not tracked';
  if (model.eventsBehind === 0) return 'None';
  const seconds = Math.round(model.secondsBehind ?? 0);
  return `${plural(model.eventsBehind, 'event')} (${plural(seconds, 'second')})`;
};

/**
 * How each read model (the queues, case views, history, management information) and each
 * worker keeps up with the log. A stalled one stopped on an event it cannot apply: the
 * rest of the back office carries on, and after the fix is deployed it resumes by itself
 * at its next quiet retry, or now with "Try again now".
 */
export const ReadModels = ({ report }: SectionProps) => {
  const { data, error, reload } = useQuery<{ readModelHealth: ReadModel[] }>(READ_MODELS);
  const [asked, setAsked] = useState<string | null>(null);
  const resume = async (name: string) => {
    try {
      await graphql(RESUME, { name });
      report(NO_ERRORS);
      setAsked(name);
      await reload();
    } catch (failure) {
      setAsked(null);
      report(apiErrors(failure));
    }
  };
  if (error) return <p className="govuk-body">{error.message}</p>;
  if (!data) return <Loading what="read models" />;
  const stalled = data.readModelHealth.filter((m) => m.stall);
  return (
    <>
      {asked && (
        <NotificationBanner
          success
          heading={`${asked} will try its event again within a few seconds.`}
        />
      )}
      <Table
        caption="Read models and workers"
        rowKey={(m: ReadModel) => m.name}
        rows={data.readModelHealth}
        columns={[
          { header: 'Name', rowHeader: true, cell: (m) => m.name },
          { header: 'State', cell: state },
          { header: 'Behind the log', cell: behind },
        ]}
      />
      {stalled.map(({ name, stall }) => (
        <section key={name} aria-labelledby={`stall-${name}`}>
          <h2 className="govuk-heading-m" id={`stall-${name}`}>
            {name} is stalled
          </h2>
          <p className="govuk-body">
            It stopped on an event it cannot apply. Nothing after that event reaches it until a fix
            is deployed; the rest of the back office carries on.
          </p>
          <SummaryList
            rows={[
              { key: 'Event', value: `${stall!.eventType} (${stall!.eventId})` },
              { key: 'Stream', value: stall!.streamId },
              { key: 'Position in the log', value: stall!.position },
              { key: 'Error', value: stall!.error },
              { key: 'Attempts', value: String(stall!.attempts) },
              { key: 'Stalled', value: formatDateTime(stall!.stalledAt) },
              { key: 'Last tried', value: formatDateTime(stall!.lastAttemptAt) },
            ]}
          />
          <button type="button" className="govuk-button" onClick={() => resume(name)}>
            Try again now<span className="govuk-visually-hidden"> for {name}</span>
          </button>
        </section>
      ))}
    </>
  );
};
