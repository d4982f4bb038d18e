/**
 * `npm run setup`: creates what a first deploy of every environment needs (R2 buckets, queues and
 * dead-letter queues, the Neon project and branches, the Workers' secrets, the Stripe products).
 * Safe to run again. Asks only for what it cannot make: API tokens.
 *
 *   npm run setup                          # every environment in wrangler.toml
 *   npm run setup -- --env preview         # one (comma-separate several)
 *   npm run setup -- --dry-run             # print every step and how to undo it; call nothing
 *
 *   CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID   required (token: Workers Scripts, R2, Queues: Edit)
 *   NEON_API_KEY                                  required
 *   RESEND_API_KEY, STRIPE_SECRET_KEY             optional; asked for, Enter skips
 *   CLOUDFLARE_API_BASE_URL, NEON_API_URL, STRIPE_API_URL   other API bases (local stand-ins)
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { type DeployEnvironment, deployEnvironments } from '../deploy/environments.ts';
import { defaultCloudflareApiUrl } from './cloudflare-api.ts';
import { defaultNeonApiUrl } from './neon-api.ts';
import { runSteps, setupSteps } from './steps.ts';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false }, env: { type: 'string' } } });
const environments = (values.env?.split(',') ?? [...deployEnvironments]) as DeployEnvironment[];
const unknown = environments.filter((env) => !deployEnvironments.includes(env));
if (unknown.length) {
  console.error(`Unknown environment ${unknown.join(', ')}; wrangler.toml declares ${deployEnvironments.join(', ')}.`);
  process.exit(1);
}

const dryRun = values['dry-run'];
const prompt = process.stdin.isTTY && !dryRun ? createInterface({ input: process.stdin, output: process.stdout }) : null;
async function ask(name: string, what: string, required: boolean): Promise<string | undefined> {
  const given = process.env[name];
  if (given || dryRun) return given || `<${name}>`;
  if (!prompt) {
    if (!required) return undefined;
    console.error(`Set ${name} (${what}); setup cannot make it.`);
    process.exit(1);
  }
  const answer = (await prompt.question(`${name} — ${what}${required ? '' : ' (Enter skips)'}: `)).trim();
  if (!answer && required) return ask(name, what, required);
  return answer || undefined;
}

const token = await ask('CLOUDFLARE_API_TOKEN', 'a Cloudflare API token with Workers Scripts, Workers R2 Storage and Queues: Edit', true);
const accountId = await ask('CLOUDFLARE_ACCOUNT_ID', 'your Cloudflare account id (dashboard → Workers & Pages → right column)', true);
const neonKey = await ask('NEON_API_KEY', 'a Neon API key (console → Account settings → API keys)', true);
const resendApiKey = await ask('RESEND_API_KEY', 'your Resend API key, for the mail the app sends', false);
const stripeKey = await ask('STRIPE_SECRET_KEY', 'your Stripe secret key, for billing', false);
prompt?.close();

const steps = setupSteps({
  cloudflare: { apiUrl: process.env.CLOUDFLARE_API_BASE_URL || defaultCloudflareApiUrl, accountId: accountId ?? '', token: token ?? '' },
  neon: { apiUrl: process.env.NEON_API_URL || defaultNeonApiUrl, apiKey: neonKey ?? '' },
  environments,
  resendApiKey,
  stripe: stripeKey ? { secretKey: stripeKey, apiUrl: process.env.STRIPE_API_URL } : undefined,
});
try {
  await runSteps(steps, { dryRun, log: (line) => console.log(line) });
} catch (error) {
  console.error(
    `\nSetup stopped: ${error instanceof Error ? error.message : String(error)}\nFix it and run npm run setup again; what was made is kept and found.`,
  );
  process.exit(1);
}
console.log(
  dryRun
    ? '\nDry run: nothing was called.'
    : '\nDone. Next: set APP_ORIGIN, CORS_ORIGINS and MAIL_FROM per environment in wrangler.toml, migrate, deploy (README, "Deploy").',
);
