/** One webhook attempt as the development webhook inbox keeps it. */
export interface SentWebhook {
  id: string;
  endpointUrl: string;
  eventType: string;
  /** The `webhook-id` header: the event id, the same on every attempt. */
  webhookId: string;
  attempt: number;
  /** What the endpoint answered; null when it did not (timeout, refused address). */
  responseStatus: number | null;
  error: string | null;
  /** The JSON body exactly as sent. */
  body: string;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * What the app sent to webhook endpoints, kept in development and tests only (beside the dev mail
 * inbox) and read at `/dev/webhooks`. Production has none: `wiring.ts` builds it only where the dev
 * inbox is allowed.
 */
export interface WebhookInbox {
  /** Keeps the attempts one delivery message made, in one call. */
  record(sent: ReadonlyArray<Omit<SentWebhook, 'id' | 'createdAt'>>): Promise<void>;
  /** Newest first. */
  list(limit?: number): Promise<SentWebhook[]>;
}
