import { expect, it } from 'vitest';
import { committedSecuritySql, securitySqlFromMigrations } from './security-sql.ts';

it('worker/db/security.sql is what the migrations build (regenerate: node scripts/security-sql.ts --write)', async () => {
  const built = await securitySqlFromMigrations();
  expect(built).toContain('FUNCTION app_private.resolve_credential');
  expect(built).toContain('FORCE ROW LEVEL SECURITY');
  expect(await committedSecuritySql()).toBe(built);
}, 180_000);
