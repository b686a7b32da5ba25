import { z } from 'zod';
import type { ApplicationChannel } from '../../domain/channels';

/**
 * The ratios of the GOV.UK Service Manual's mandatory KPIs, worked out from counts. Every
 * ratio is a fraction from 0 to 1 (or a cost in pounds), and null when it has no
 * denominator: "no transactions" is not "0% digital".
 */

const pounds = z.number().nonnegative().max(100_000);

/** What one transaction costs the service on each channel, in pounds. */
export const unitCostsSchema = z.strictObject({
  web: pounds,
  phone: pounds,
  post: pounds,
  assisted_digital: pounds,
});
export type UnitCosts = z.infer<typeof unitCostsSchema>;

/**
 * Illustrative figures only, of the usual shape (online far cheaper than phone or paper),
 * not any service's real costs: a service owner passes in its own from finance data.
 */
export const DEFAULT_UNIT_COSTS: UnitCosts = {
  web: 0.5,
  phone: 6.5,
  post: 9.25,
  assisted_digital: 4,
};

export type SubmittedByChannel = Partial<Record<ApplicationChannel, number>>;

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

const totalOf = (byChannel: SubmittedByChannel): number =>
  Object.values(byChannel).reduce((sum, n) => sum + (n ?? 0), 0);

/** Transactions submitted for every one started. Can pass 1 on a day when earlier starts finish. */
export const completionRate = (submitted: number, started: number): number | null =>
  ratio(submitted, started);

/**
 * Digital take-up counts only transactions people completed online themselves (web);
 * assisted digital, where staff help someone through, is reported as its own share.
 */
export const channelShares = (byChannel: SubmittedByChannel) => {
  const total = totalOf(byChannel);
  return {
    digitalTakeUp: ratio(byChannel.web ?? 0, total),
    assistedDigitalShare: ratio(byChannel.assisted_digital ?? 0, total),
  };
};

/** The cost of every transaction on its channel, averaged over all of them. */
export const costPerTransaction = (
  byChannel: SubmittedByChannel,
  unitCosts: UnitCosts,
): number | null => {
  const cost = (Object.keys(unitCosts) as ApplicationChannel[]).reduce(
    (sum, channel) => sum + (byChannel[channel] ?? 0) * unitCosts[channel],
    0,
  );
  return ratio(cost, totalOf(byChannel));
};

/** From the number of answers at each rating, 1 (very dissatisfied) to 5 (very satisfied). */
export const satisfaction = (ratings: readonly number[]) => {
  const responses = ratings.reduce((sum, n) => sum + n, 0);
  const points = ratings.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return {
    satisfactionResponses: responses,
    satisfactionAverage: ratio(points, responses),
    /** Satisfied or very satisfied (4 or 5). */
    satisfiedRate: ratio((ratings[3] ?? 0) + (ratings[4] ?? 0), responses),
  };
};
