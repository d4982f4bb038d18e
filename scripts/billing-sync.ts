/**
 * `npm run billing:sync`: creates or updates the Stripe products and prices of
 * worker/modules/billing/billing.plans.ts. Safe to run again: nothing changes when nothing did.
 *
 *   STRIPE_SECRET_KEY  the account's secret key (required)
 *   STRIPE_API_URL     another API base, e.g. the local Stripe of `npm run dev` (http://127.0.0.1:8794)
 */
import Stripe from 'stripe';
import { syncPlans } from './billing-sync-lib.ts';

const secretKey = process.env.STRIPE_SECRET_KEY;
if (!secretKey) {
  console.error('Set STRIPE_SECRET_KEY (and STRIPE_API_URL for a local Stripe).');
  process.exit(1);
}
const apiUrl = process.env.STRIPE_API_URL ? new URL(process.env.STRIPE_API_URL) : null;
const stripe = new Stripe(
  secretKey,
  apiUrl
    ? {
        host: apiUrl.hostname,
        port: Number(apiUrl.port || (apiUrl.protocol === 'https:' ? 443 : 80)),
        protocol: apiUrl.protocol === 'https:' ? 'https' : 'http',
      }
    : {},
);
const report = await syncPlans(stripe);
for (const [outcome, items] of Object.entries(report)) for (const item of items) console.log(`${outcome.padEnd(9)} ${item}`);
