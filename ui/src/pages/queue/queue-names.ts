/** Queues are `team_unallocated` in GraphQL and `team-unallocated` in addresses. */
export const queuePath = (queue: string) => `/queues/${queue.replace(/_/g, '-')}`;
export const queueOfPath = (segment: string) => segment.replace(/-/g, '_');

export const QUEUE_CHANGED = /* GraphQL */ `
  subscription QueueChanged {
    queueChanged {
      caseId
      revision
    }
  }
`;
