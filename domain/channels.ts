/** The channels an application can arrive on, as the GOV.UK Service Manual counts them. */
export const APPLICATION_CHANNELS = ['web', 'phone', 'post', 'assisted_digital'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

/** Digital transactions: completed online by the user, or with assisted digital help. */
export const isDigital = (channel: ApplicationChannel) =>
  channel === 'web' || channel === 'assisted_digital';
