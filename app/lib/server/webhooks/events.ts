/** The events a webhook endpoint can subscribe to: each is a new row in one of the outboxes of approved actions. */
export const WEBHOOK_EVENTS = {
  'action.approved': 'A collections action was approved (late fee, suspension, agency hand-off, reminder): a new row of the collections outbox',
  'bonus.approved': 'A retention bonus was approved: a new row of the retention bonus outbox',
} as const;
export type WebhookEvent = keyof typeof WEBHOOK_EVENTS;
export const ALL_WEBHOOK_EVENTS = Object.keys(WEBHOOK_EVENTS) as WebhookEvent[];

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return typeof value === 'string' && value in WEBHOOK_EVENTS;
}
