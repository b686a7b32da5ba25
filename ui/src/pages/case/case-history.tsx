import { useEffect, useRef } from 'react';
import { Timeline } from '../../components/timeline';
import { CHANNEL_LABELS, formatDateTime, humanise, type Channel } from '../../format';
import { useQuery } from '../../graphql/use-query';

/** The case's history, newest first, as an MoJ timeline; fetched again when the case changes. */
const HISTORY = /* GraphQL */ `
  query CaseHistory($caseId: ID!) {
    auditTrail(caseId: $caseId) {
      eventId
      summary
      actorId
      actorRole
      channel
      occurredAt
    }
  }
`;

interface Entry {
  eventId: string;
  summary: string;
  actorId: string;
  actorRole: string;
  channel: string;
  occurredAt: string;
}

const channelText = (channel: string) => CHANNEL_LABELS[channel as Channel] ?? humanise(channel);

export const CaseHistory = ({ caseId, revision }: { caseId: string; revision: string }) => {
  const { data, error, reload } = useQuery<{ auditTrail: Entry[] }>(HISTORY, { caseId });
  const shown = useRef(revision);
  useEffect(() => {
    if (shown.current === revision) return;
    shown.current = revision;
    void reload();
  }, [revision, reload]);
  return (
    <section aria-labelledby="history">
      <h2 className="govuk-heading-l" id="history">
        History
      </h2>
      {error && <p className="govuk-body">{error.message}</p>}
      {data && (
        <Timeline
          formatTime={formatDateTime}
          items={[...data.auditTrail].reverse().map((e) => ({
            id: e.eventId,
            title: e.summary,
            byline: `${e.actorId} (${e.actorRole.replace('_', ' ')})`,
            at: e.occurredAt,
            description: <p className="govuk-body-s">Channel: {channelText(e.channel)}</p>,
          }))}
        />
      )}
    </section>
  );
};
