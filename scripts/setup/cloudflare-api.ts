/**
 * The few Cloudflare REST API calls setup makes (https://developers.cloudflare.com/api/): R2
 * buckets, queues, a Worker's secret names and the account's workers.dev subdomain. Errors carry
 * Cloudflare's own code and message.
 */
export interface CloudflareAccount {
  apiUrl: string;
  accountId: string;
  token: string;
}

export const defaultCloudflareApiUrl = 'https://api.cloudflare.com/client/v4';

export class CloudflareError extends Error {
  readonly codes: number[];
  constructor(codes: number[], message: string) {
    super(message);
    this.codes = codes;
  }
}

async function call<T>(account: CloudflareAccount, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${account.apiUrl}/accounts/${account.accountId}${path}`, {
    method,
    headers: { authorization: `Bearer ${account.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  const envelope = (await response.json().catch(() => null)) as {
    success?: boolean;
    errors?: { code: number; message: string }[];
    result?: T;
  } | null;
  if (!response.ok || !envelope?.success) {
    const errors = envelope?.errors ?? [];
    const text = errors.map((e) => `${e.code} ${e.message}`).join('; ') || `HTTP ${response.status}`;
    throw new CloudflareError(
      errors.map((e) => e.code),
      `Cloudflare ${method} ${path}: ${text}`,
    );
  }
  return envelope.result as T;
}

export const listBuckets = async (account: CloudflareAccount) =>
  (await call<{ buckets: { name: string }[] }>(account, 'GET', '/r2/buckets')).buckets.map((b) => b.name);

export const createBucket = (account: CloudflareAccount, name: string) => call(account, 'POST', '/r2/buckets', { name });

export const listQueues = async (account: CloudflareAccount) =>
  (await call<{ queue_name: string }[]>(account, 'GET', '/queues?per_page=100')).map((q) => q.queue_name);

export const createQueue = (account: CloudflareAccount, name: string) => call(account, 'POST', '/queues', { queue_name: name });

/** The names of a Worker's secrets; none for a Worker that does not exist yet (error 10007). */
export async function listSecretNames(account: CloudflareAccount, worker: string): Promise<string[]> {
  try {
    return (await call<{ name: string }[]>(account, 'GET', `/workers/scripts/${encodeURIComponent(worker)}/secrets`)).map((s) => s.name);
  } catch (error) {
    if (error instanceof CloudflareError && error.codes.includes(10007)) return [];
    throw error;
  }
}

export const workersSubdomain = async (account: CloudflareAccount) =>
  (await call<{ subdomain: string }>(account, 'GET', '/workers/subdomain')).subdomain;
