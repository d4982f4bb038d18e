import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import type { Mailer, MailMessage } from '../../kernel/mailer.ts';

/**
 * Test support for the mail adapters (imported by tests only): the local Resend and Postmark
 * stand-ins (scripts/mail-fakes) that the global test setup starts and vitest.config.mts binds, and
 * what every adapter's test sends and expects.
 */
export interface Received {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const bindings = env as unknown as Record<string, string>;
export const resendUrl = bindings.RESEND_API_URL as string;
export const resendKey = bindings.RESEND_API_KEY as string;
export const postmarkUrl = bindings.POSTMARK_API_URL as string;
export const postmarkToken = bindings.POSTMARK_SERVER_TOKEN as string;

/** Everything the stand-in at `baseUrl` received that mentions `marker` (a unique address or subject). */
export async function receivedFor(baseUrl: string, marker: string): Promise<Received[]> {
  const all = (await (await fetch(`${baseUrl}/__received`)).json()) as Received[];
  return all.filter((r) => JSON.stringify(r.body).includes(marker));
}

export const uniqueAddress = (local = 'user') => `${local}+${crypto.randomUUID().slice(0, 8)}@example.com`;

/** The sender the adapters under test are configured with. */
export const from = 'Edge SaaS <no-reply@example.com>';

/** A message with every part, tagged `welcome`. */
export const message = (to: string): MailMessage => ({ to, subject: 'Hello there', html: '<p>Hi</p>', text: 'Hi', tag: 'welcome' });

/** The `AppError` that `promise` rejects with; fails the test when it resolves or rejects otherwise. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** `mailer` refuses `to` (VALIDATION_FAILED) before any request reaches the stand-in at `baseUrl`. */
export async function expectRefusedBeforeSending(mailer: Mailer, baseUrl: string, to: string): Promise<void> {
  const marker = crypto.randomUUID();
  const error = await failure(mailer.send({ ...message(to), subject: marker }));
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(await receivedFor(baseUrl, marker)).toHaveLength(0);
}
