import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../stack.ts';
import { type CloudflareAccount, defaultCloudflareApiUrl } from './cloudflare-api.ts';

/** The environment wrangler needs to act on the account without a login (and on a stand-in API). */
export function wranglerEnvironment(account: CloudflareAccount): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CLOUDFLARE_API_TOKEN: account.token,
    CLOUDFLARE_ACCOUNT_ID: account.accountId,
    ...(account.apiUrl === defaultCloudflareApiUrl ? {} : { CLOUDFLARE_API_BASE_URL: account.apiUrl }),
    WRANGLER_SEND_METRICS: 'false',
  };
}

/** Runs this repository's wrangler (under the running Node) with `input` on stdin; rejects with its output on failure. */
export function wrangler(account: CloudflareAccount, args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/wrangler/bin/wrangler.js'), ...args], {
      cwd: root,
      env: wranglerEnvironment(account),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`wrangler ${args.join(' ')} failed:\n${output}`))));
    child.stdin.end(input);
  });
}
