import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signatures: HMAC-SHA256 over `id.timestamp.body` with the endpoint's
 * secret (`whsec_` + base64 key), sent as `webhook-signature: v1,<base64>` beside
 * `webhook-id` (the same on every retry, so receivers can drop duplicates) and
 * `webhook-timestamp` (seconds, so receivers can refuse replays).
 */
export const signatureHeaders = (
  secret: string,
  messageId: string,
  timestamp: Date,
  body: string,
): Record<string, string> => {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key)
    .update(`${messageId}.${seconds}.${body}`)
    .digest('base64');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(seconds),
    'webhook-signature': `v1,${signature}`,
  };
};
