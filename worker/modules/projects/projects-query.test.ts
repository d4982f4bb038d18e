import { beforeAll, describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';

// A list with query parameters (cursor pagination, sort, filter): unknown parameters and bad values
// are refused in the one error envelope, never a crash.
describe("the projects list's query parameters", () => {
  let cookie: string;
  let projects: string;
  const expectError = (res: { status: number; json: Record<string, any> }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
  };

  beforeAll(async () => {
    ({ cookie } = await signUp());
    projects = `/api/v1/w/${(await createWorkspace(cookie)).slug}/projects`;
  }, 30_000);

  it('refuses unknown parameters, and known ones with bad values', async () => {
    for (const path of [`${projects}?foo=1`, `${projects}?limit=5&foo=1`]) {
      const res = await call('GET', path, { cookie });
      expectError(res, 400, 'UNKNOWN_QUERY_PARAMETER');
      expect(Object.keys(res.json.error.fields ?? {}).length, path).toBeGreaterThan(0);
    }
    // Known parameters with bad values are a validation error, not a crash.
    for (const path of [
      `${projects}?limit=0`,
      `${projects}?limit=abc`,
      `${projects}?limit=1&limit=2`,
      `${projects}?sort=owner`,
      `${projects}?status=active&status=archived`,
    ]) {
      const res = await call('GET', path, { cookie });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    for (const cursor of ['garbage', 'a.b', 'a.b.c', '..', `${'A'.repeat(40)}.${'B'.repeat(43)}`]) {
      const res = await call('GET', `${projects}?cursor=${encodeURIComponent(cursor)}`, { cookie });
      expectError(res, 400, 'INVALID_CURSOR');
    }
  });
});
