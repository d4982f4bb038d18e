/**
 * The database side of a pull request's preview (.github/workflows/preview.yml).
 *
 *   node scripts/deploy/preview.ts open --pr 42 --secrets-file "$RUNNER_TEMP/preview.json"
 *     finds or makes the Neon branch pr-42 from the default branch, writes its connection string
 *     to the secrets file (for `wrangler versions upload --secrets-file`), and prints, or writes to
 *     GITHUB_OUTPUT, database_url (masked) and url, the preview's address
 *     (https://pr-42-<worker>.<subdomain>.workers.dev).
 *   node scripts/deploy/preview.ts close --pr 42
 *     deletes the branch pr-42; nothing to do when it is already gone.
 *
 * CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID, NEON_API_KEY (and CLOUDFLARE_API_BASE_URL,
 * NEON_API_URL for local stand-ins). The Neon project is the one `npm run setup` made.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { defaultCloudflareApiUrl, workersSubdomain } from '../setup/cloudflare-api.ts';
import { connectionUri, defaultNeonApiUrl, deleteBranch, ensureBranch, findProject, listBranches } from '../setup/neon-api.ts';
import { pullRequestBranch, readEnvironment, resourcesOf } from './environments.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { pr: { type: 'string' }, 'secrets-file': { type: 'string' } },
});
const [command] = positionals;
const pr = Number(values.pr);
if (!['open', 'close'].includes(command ?? '') || !Number.isInteger(pr) || pr <= 0) {
  console.error('Usage: preview.ts open --pr <number> --secrets-file <path> | close --pr <number>');
  process.exit(1);
}
const required = (name: string) => {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name}.`);
    process.exit(1);
  }
  return value;
};
const neon = { apiUrl: process.env.NEON_API_URL || defaultNeonApiUrl, apiKey: required('NEON_API_KEY') };
const projectName = resourcesOf(readEnvironment(undefined)).worker;
const project = await findProject(neon, projectName);
if (!project) {
  console.error(`No Neon project named ${projectName}: run npm run setup first.`);
  process.exit(1);
}
const branchName = pullRequestBranch(pr);

async function output(name: string, value: string, secret = false) {
  if (secret && process.env.GITHUB_ACTIONS) console.log(`::add-mask::${value}`);
  if (process.env.GITHUB_OUTPUT) await appendFile(process.env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else console.log(`${name}=${secret ? '***' : value}`);
}

if (command === 'close') {
  const branch = (await listBranches(neon, project)).find((b) => b.name === branchName);
  if (branch) await deleteBranch(neon, project, branch.id);
  console.log(branch ? `Deleted the Neon branch ${branchName}.` : `No Neon branch ${branchName}: nothing to delete.`);
} else {
  const secretsFile = values['secrets-file'];
  if (!secretsFile) {
    console.error('open needs --secrets-file <path>.');
    process.exit(1);
  }
  const cloudflare = {
    apiUrl: process.env.CLOUDFLARE_API_BASE_URL || defaultCloudflareApiUrl,
    accountId: required('CLOUDFLARE_ACCOUNT_ID'),
    token: required('CLOUDFLARE_API_TOKEN'),
  };
  const { branch, created } = await ensureBranch(neon, project, branchName);
  const databaseUrl = await connectionUri(neon, project, branch.id);
  await writeFile(secretsFile, JSON.stringify({ DATABASE_URL: databaseUrl }), { mode: 0o600 });
  const worker = resourcesOf(readEnvironment('preview')).worker;
  const url = `https://${branchName}-${worker}.${await workersSubdomain(cloudflare)}.workers.dev`;
  console.log(`${created ? 'Made' : 'Found'} the Neon branch ${branchName}; the preview will be ${url}`);
  await output('database_url', databaseUrl, true);
  await output('url', url);
  await output('alias', branchName);
}
