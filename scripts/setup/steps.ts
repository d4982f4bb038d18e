/**
 * What `npm run setup` does, as a list of steps. Each step names what it creates and how to undo
 * it; running a step finds what already exists first, so the whole list can run again and changes
 * nothing the second time (generated secrets are put only where missing, never replaced).
 */
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { syncPlans } from '../billing-sync-lib.ts';
import { databaseBranches, defaultBranch, type DeployEnvironment, readEnvironment, resourcesOf } from '../deploy/environments.ts';
import { newSigningKeys } from '../signing-key.ts';
import { type CloudflareAccount, createBucket, createQueue, listBuckets, listQueues, listSecretNames } from './cloudflare-api.ts';
import { connectionUri, createProject, ensureBranch, findProject, listBranches, type NeonAccount } from './neon-api.ts';
import { wrangler } from './wrangler.ts';

export interface SetupInputs {
  cloudflare: CloudflareAccount;
  neon: NeonAccount;
  environments: readonly DeployEnvironment[];
  /** Optional: the mail provider's key (MAIL_PROVIDER = "resend" in wrangler.toml). */
  resendApiKey?: string | undefined;
  /** Optional: billing. Products and prices are synced and the key stored as a secret. */
  stripe?: { secretKey: string; apiUrl?: string | undefined } | undefined;
}

export interface Step {
  title: string;
  undo: string;
  run(): Promise<string>;
}

export function setupSteps(inputs: SetupInputs): Step[] {
  const { cloudflare, neon } = inputs;
  const top = resourcesOf(readEnvironment(undefined));
  const project = { name: top.worker, id: '' };
  const branchIds = new Map<DeployEnvironment, string>();
  const steps: Step[] = [];

  for (const env of inputs.environments) {
    const resources = resourcesOf(readEnvironment(env));
    for (const bucket of resources.buckets) {
      steps.push({
        title: `R2 bucket ${bucket} (${env})`,
        undo: `npx wrangler r2 bucket delete ${bucket}`,
        run: () =>
          ensure(
            bucket,
            () => listBuckets(cloudflare),
            () => createBucket(cloudflare, bucket),
          ),
      });
    }
    for (const queue of resources.queues) {
      steps.push({
        title: `queue ${queue} (${env})`,
        undo: `npx wrangler queues delete ${queue}`,
        run: () =>
          ensure(
            queue,
            () => listQueues(cloudflare),
            () => createQueue(cloudflare, queue),
          ),
      });
    }
  }

  steps.push({
    title: `Neon project ${project.name}`,
    undo: `delete the project ${project.name} in the Neon console (Settings → Delete), which deletes every branch`,
    run: async () => {
      const found = await findProject(neon, project.name);
      project.id = found ?? (await createProject(neon, project.name));
      return found ? 'exists' : 'created';
    },
  });
  for (const env of inputs.environments) {
    const name = databaseBranches[env];
    steps.push({
      title: name === defaultBranch ? `Neon default branch for ${env}` : `Neon branch ${name} for ${env}, from the default branch`,
      undo:
        name === defaultBranch
          ? 'nothing to undo: the default branch comes with the project'
          : `delete the branch ${name} in the Neon console`,
      run: async () => {
        if (name === defaultBranch) {
          const main = (await listBranches(neon, project.id)).find((b) => b.default);
          if (!main) throw new Error('The Neon project has no default branch');
          branchIds.set(env, main.id);
          return `exists (${main.name})`;
        }
        const { branch, created } = await ensureBranch(neon, project.id, name);
        branchIds.set(env, branch.id);
        return created ? 'created' : 'exists';
      },
    });
  }

  for (const env of inputs.environments) {
    const worker = resourcesOf(readEnvironment(env)).worker;
    const values = new Map<string, () => Promise<string>>([
      ['DATABASE_URL', () => connectionUri(neon, project.id, branchIds.get(env) ?? '')],
      ['APP_SECRET', async () => randomBytes(32).toString('base64')],
      ['JWT_SIGNING_KEYS', async () => newSigningKeys()],
    ]);
    const { resendApiKey, stripe } = inputs;
    if (resendApiKey) values.set('RESEND_API_KEY', async () => resendApiKey);
    if (stripe) values.set('STRIPE_SECRET_KEY', async () => stripe.secretKey);
    const names = [...values.keys()];
    steps.push({
      title: `secrets of ${worker}: ${names.join(', ')} (generated where possible, put only where missing)`,
      undo: names.map((name) => `npx wrangler secret delete ${name} --env ${env}`).join('; '),
      run: async () => {
        const existing = await listSecretNames(cloudflare, worker);
        const missing = names.filter((name) => !existing.includes(name));
        if (missing.length) {
          // one `wrangler secret bulk` per Worker (values on stdin, never on a command line or disk)
          const entries = await Promise.all(missing.map(async (name) => [name, await (values.get(name) as () => Promise<string>)()]));
          await wrangler(cloudflare, ['secret', 'bulk', '--env', env], JSON.stringify(Object.fromEntries(entries)));
        }
        const kept = names.filter((name) => existing.includes(name));
        return [missing.length ? `put ${missing.join(', ')}` : '', kept.length ? `kept ${kept.join(', ')}` : ''].filter(Boolean).join('; ');
      },
    });
  }

  const { stripe } = inputs;
  if (stripe) {
    steps.push({
      title: 'Stripe products and prices of worker/modules/billing/billing.plans.ts (npm run billing:sync)',
      undo: 'archive the products plan_pro and plan_team in the Stripe dashboard',
      run: async () => {
        const url = stripe.apiUrl ? new URL(stripe.apiUrl) : null;
        const client = new Stripe(
          stripe.secretKey,
          url ? { host: url.hostname, port: Number(url.port || 443), protocol: url.protocol === 'http:' ? 'http' : 'https' } : {},
        );
        const report = await syncPlans(client);
        return `${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.archived.length} archived`;
      },
    });
  }
  return steps;
}

async function ensure(name: string, list: () => Promise<string[]>, create: () => Promise<unknown>): Promise<string> {
  if ((await list()).includes(name)) return 'exists';
  await create();
  return 'created';
}

/** Runs (or, dry, only prints) the steps in order; the first failure stops the rest. */
export async function runSteps(steps: Step[], options: { dryRun: boolean; log: (line: string) => void }): Promise<string[]> {
  const outcomes: string[] = [];
  for (const [index, step] of steps.entries()) {
    const number = `${index + 1}/${steps.length}`;
    if (options.dryRun) {
      options.log(`${number} would ensure ${step.title}\n      undo: ${step.undo}`);
      continue;
    }
    const outcome = await step.run();
    outcomes.push(`${step.title}: ${outcome}`);
    options.log(`${number} ${step.title}: ${outcome}\n      undo: ${step.undo}`);
  }
  return outcomes;
}
