/**
 * The API reference and the document behind it, as a client we did not write meets them: the served
 * OpenAPI document passes Redocly's recommended rules (redocly.yaml), a client generated from it by
 * openapi-typescript type-checks and works against the running app, and /api/v1/docs renders it.
 * e2e/run.ts fails the scenario on any Content-Security-Policy violation of the page.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from '../scripts/stack.ts';
import type { Step } from './helpers.ts';

const documentFile = join(root, 'e2e/artifacts/openapi.json');
const generatedClient = join(root, 'e2e/api-client/generated/api.ts');

/** Runs a package's Node script with this Node, offline and without telemetry; resolves with its output. */
async function run(script: string, args: string[]): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, [join(root, 'node_modules', script), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number>((done) => child.once('close', (status) => done(status ?? 1)));
  return { code, output };
}

export const scenario: Step[] = [
  {
    name: "the served OpenAPI document passes Redocly's recommended rules",
    async run({ baseUrl }) {
      const response = await fetch(`${baseUrl}/api/v1/openapi.json`, { signal: AbortSignal.timeout(15_000) });
      assert.equal(response.status, 200);
      await mkdir(join(root, 'e2e/artifacts'), { recursive: true });
      await writeFile(documentFile, JSON.stringify(await response.json(), null, 2));
      const lint = await run('@redocly/cli/bin/cli.js', [
        'lint',
        documentFile,
        '--config',
        join(root, 'redocly.yaml'),
        '--format',
        'stylish',
      ]);
      assert.equal(lint.code, 0, lint.output);
      assert.doesNotMatch(lint.output, /warning/i, lint.output);
    },
  },
  {
    name: 'a client generated from the served document by openapi-typescript type-checks',
    async run() {
      const generate = await run('openapi-typescript/bin/cli.js', [documentFile, '--output', generatedClient]);
      assert.equal(generate.code, 0, generate.output);
      const typecheck = await run('typescript/bin/tsc', ['-p', join(root, 'e2e/api-client/tsconfig.json')]);
      assert.equal(typecheck.code, 0, typecheck.output);
    },
  },
  {
    name: 'the generated client signs up, gets a token, creates a workspace and a project, and lists projects',
    async run({ baseUrl }) {
      const { walkthrough } = (await import('./api-client/walkthrough.ts')) as typeof import('./api-client/walkthrough.ts');
      await walkthrough(baseUrl, '203.0.113.80');
    },
  },
  {
    name: '/api/v1/docs renders the reference from the document, with schemas and examples, and tries a request, all on the origin',
    async run({ page, baseUrl }) {
      const elsewhere: string[] = [];
      const watchRequests = (request: { url(): string }) => {
        if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:')) elsewhere.push(request.url());
      };
      page.on('request', watchRequests);
      try {
        await page.goto('/api/v1/docs');
        await page.getByRole('heading', { name: 'Edge SaaS API' }).waitFor();
        // An operation, its example request body and a schema from the document.
        await page.goto('/api/v1/docs#tag/projects/POST/api/v1/w/{workspace}/projects');
        await page.getByRole('heading', { name: 'Create a project' }).first().waitFor();
        await page.getByText('Website relaunch').first().waitFor();
        await page.getByText('Models').first().waitFor();
        // Try-it sends the request to the running app, on the origin.
        await page.goto('/api/v1/docs#tag/system/GET/health');
        await page.getByRole('heading', { name: 'Check that the worker runs' }).first().waitFor();
        await page.getByRole('button', { name: 'Test Request' }).first().click();
        const answered = page.waitForResponse((response) => response.url() === `${baseUrl}/health` && response.status() === 200);
        await page.getByRole('button', { name: /^Send/ }).first().click();
        await answered;
        await page.getByText('200 OK').first().waitFor();
        assert.deepEqual(elsewhere, [], 'the reference reached beyond the origin');
      } finally {
        page.off('request', watchRequests);
      }
    },
  },
];
