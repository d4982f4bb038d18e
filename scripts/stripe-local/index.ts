import { type FakeServer, serve } from '../identity-fakes/http.ts';
import { Account } from './account.ts';
import { stripeApi } from './api.ts';
import { controlApi } from './control.ts';
import { hostedPages } from './hosted.ts';
import { StripeError } from './store.ts';
import { Webhooks } from './webhooks.ts';

export { testCards } from './account.ts';

export interface LocalStripeOptions {
  port: number;
  host?: string;
  /** The secret key the API accepts (`sk_test_…`). */
  secretKey: string;
  /** The webhook endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  /** Where events are delivered; without it they wait at the control API to be taken. */
  webhookUrl?: string;
}

/**
 * A local stand-in for the parts of Stripe's API the app calls through the stripe SDK, with the
 * hosted Checkout and Portal pages and signed webhook deliveries (ARCHITECTURE.md, "The local Stripe"). State is in memory and lasts as long as the process.
 */
export async function startLocalStripe(options: LocalStripeOptions): Promise<FakeServer> {
  const host = options.host ?? '127.0.0.1';
  const webhooks = new Webhooks(options.webhookSecret, options.webhookUrl);
  const account = new Account(webhooks);
  const api = stripeApi(account, options.secretKey);
  const pages = hostedPages(account);
  const control = controlApi(account);
  const server = await serve(options.port, host, async (request) => {
    if (request.url.pathname.startsWith('/v1/')) return api(request);
    try {
      return (await control(request)) ?? pages(request) ?? { status: 404, body: 'Not found' };
    } catch (error) {
      if (error instanceof StripeError) return { status: error.status, body: error.body() };
      throw error;
    }
  });
  account.baseUrl = server.url;
  return server;
}
