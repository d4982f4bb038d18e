import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudflareStandIn } from '../cloud-fakes/cloudflare.ts';
import { startNeonStandIn } from '../cloud-fakes/neon.ts';
import { createProject, ensureBranch } from '../setup/neon-api.ts';
import { root } from '../stack.ts';

let cloudflare: Awaited<ReturnType<typeof startCloudflareStandIn>>;
let neon: Awaited<ReturnType<typeof startNeonStandIn>>;

beforeAll(async () => {
  cloudflare = await startCloudflareStandIn({ port: 0, accountId: 'acc-preview', token: 'cf-token', subdomain: 'founder' });
  neon = await startNeonStandIn({ port: 0, apiKey: 'neon-key' });
  // what npm run setup left: the project and its preview and staging branches
  const account = { apiUrl: neon.apiUrl, apiKey: 'neon-key' };
  const project = await createProject(account, 'edge-saas');
  await ensureBranch(account, project, 'preview');
});
afterAll(async () => {
  await Promise.all([cloudflare.close(), neon.close()]);
});

function preview(...args: string[]): Promise<{ status: number | null; output: string; outputs: Record<string, string> }> {
  return mkdtemp(join(tmpdir(), 'preview-')).then((dir) => {
    const githubOutput = join(dir, 'output');
    const child = spawn(process.execPath, [join(root, 'scripts/deploy/preview.ts'), ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        CLOUDFLARE_API_TOKEN: 'cf-token',
        CLOUDFLARE_ACCOUNT_ID: 'acc-preview',
        CLOUDFLARE_API_BASE_URL: cloudflare.apiUrl,
        NEON_API_KEY: 'neon-key',
        NEON_API_URL: neon.apiUrl,
        GITHUB_ACTIONS: 'true',
        GITHUB_OUTPUT: githubOutput,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    return new Promise((resolve) =>
      child.on('close', async (status) => {
        const text = await readFile(githubOutput, 'utf8').catch(() => '');
        const outputs = Object.fromEntries(
          text
            .split('\n')
            .filter(Boolean)
            .map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]),
        );
        resolve({ status, output, outputs });
      }),
    );
  });
}

const branchNames = () => neon.projects[0]?.branches.map((b) => b.name).sort();

describe('the preview workflow’s database step (scripts/deploy/preview.ts)', () => {
  it('makes the pull request’s own branch once, hands its connection string to the upload, and deletes it on close', {
    timeout: 120_000,
  }, async () => {
    const secretsFile = join(await mkdtemp(join(tmpdir(), 'preview-secrets-')), 'secrets.json');
    const first = await preview('open', '--pr', '42', '--secrets-file', secretsFile);
    expect(first.output).toContain('Made the Neon branch pr-42');
    expect(first.status).toBe(0);
    const again = await preview('open', '--pr', '42', '--secrets-file', secretsFile);
    expect(again.output).toContain('Found the Neon branch pr-42');
    expect(branchNames()).toEqual(['main', 'pr-42', 'preview']);

    const prBranch = neon.projects[0]?.branches.find((b) => b.name === 'pr-42');
    const { DATABASE_URL } = JSON.parse(await readFile(secretsFile, 'utf8'));
    expect(DATABASE_URL).toContain(`ep-${prBranch?.id}-pooler`);
    expect(again.outputs).toEqual({
      database_url: DATABASE_URL,
      url: 'https://pr-42-edge-saas-preview.founder.workers.dev',
      alias: 'pr-42',
    });
    // the connection string is masked in the job's log before it is written anywhere
    expect(again.output).toContain(`::add-mask::${DATABASE_URL}`);

    const close = await preview('close', '--pr', '42');
    expect(close.output).toContain('Deleted the Neon branch pr-42');
    expect(branchNames()).toEqual(['main', 'preview']);
    const closeAgain = await preview('close', '--pr', '42');
    expect(closeAgain.status).toBe(0);
    expect(closeAgain.output).toContain('nothing to delete');
  });
});
