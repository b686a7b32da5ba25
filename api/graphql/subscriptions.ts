import { withFilter } from 'mercurius';
import { CASE_UPDATED, type CaseUpdate } from '../live-updates';
import { seesTeam } from '../auth/policy';
import type { Principal } from '../auth/roles';

/** Live queues and case pages: messages from the live-updates reactor, filtered per subscriber. */
interface SubscriptionContext {
  subscriber: Principal;
  pubsub: { subscribe(topic: string): Promise<AsyncIterable<unknown>> };
}
type Message = { caseUpdated: CaseUpdate };

const updates = (_: unknown, __: unknown, { pubsub }: SubscriptionContext) =>
  pubsub.subscribe(CASE_UPDATED);

export const liveSubscriptions = {
  caseUpdated: {
    subscribe: withFilter(
      updates,
      (message: Message, args: { caseId: string }, ctx: SubscriptionContext) =>
        message.caseUpdated.caseId === args.caseId &&
        seesTeam(ctx.subscriber, message.caseUpdated.team ?? ''),
    ),
  },
  queueChanged: {
    subscribe: withFilter(updates, (message: Message, _args: unknown, ctx: SubscriptionContext) =>
      seesTeam(ctx.subscriber, message.caseUpdated.team ?? ''),
    ),
    resolve: (message: Message) => message.caseUpdated,
  },
};
