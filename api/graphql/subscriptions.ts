import { withFilter } from 'mercurius';
import { CASE_UPDATED, type CaseUpdate } from '../live-updates';
import { seesTeam } from '../auth/policy';
import type { Principal } from '../auth/roles';

/** Live queues and case pages: messages from the live-updates reactor, filtered per subscriber. */
interface SubscriptionContext {
  subscriber: Principal;
  /** When the subscriber's token expires (ms since the epoch). */
  subscriberUntil: number;
  /** Whether the subscriber is still in the staff directory, not deactivated. */
  stillActive: () => Promise<boolean>;
  pubsub: { subscribe(topic: string): Promise<AsyncIterable<unknown>> };
}
type Message = { caseUpdated: CaseUpdate };

const updates = (_: unknown, __: unknown, { pubsub }: SubscriptionContext) =>
  pubsub.subscribe(CASE_UPDATED);

type Subscribe = (
  root: unknown,
  args: never,
  ctx: SubscriptionContext,
  info: unknown,
) => AsyncIterable<unknown> | AsyncIterator<unknown>;

/**
 * A subscription lasts no longer than its subscriber's right to it: once their token has
 * expired, or they have been deactivated, the next message ends it instead of reaching them.
 */
const whileEntitled = (subscribe: Subscribe) =>
  async function* (root: unknown, args: never, ctx: SubscriptionContext, info: unknown) {
    const source = subscribe(root, args, ctx, info) as AsyncIterable<unknown>;
    for await (const message of source) {
      if (Date.now() >= ctx.subscriberUntil || !(await ctx.stillActive())) return;
      yield message;
    }
  };

export const liveSubscriptions = {
  caseUpdated: {
    subscribe: whileEntitled(
      withFilter(
        updates,
        (message: Message, args: { caseId: string }, ctx: SubscriptionContext) =>
          message.caseUpdated.caseId === args.caseId &&
          seesTeam(ctx.subscriber, message.caseUpdated.team ?? ''),
      ) as Subscribe,
    ),
  },
  queueChanged: {
    subscribe: whileEntitled(
      withFilter(updates, (message: Message, _args: unknown, ctx: SubscriptionContext) =>
        seesTeam(ctx.subscriber, message.caseUpdated.team ?? ''),
      ) as Subscribe,
    ),
    resolve: (message: Message) => message.caseUpdated,
  },
};
