import { neon } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-http';
import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { withoutParameterTypings } from './client.ts';

const sample = pgTable('sample', {
  id: uuid('id').primaryKey(),
  payload: jsonb('payload').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
});

type Dialect = { sqlToQuery(sql: unknown): { sql: string; params: unknown[]; typings?: string[] } };
const dialectOf = (db: object) => (db as { dialect: Dialect }).dialect;
// Building a statement opens no connection, so any well-formed URL will do.
const newDb = () => drizzle({ client: neon('postgres://user:password@db.example.com/app') });

describe('withoutParameterTypings', () => {
  const insert = (db: ReturnType<typeof newDb>) =>
    db.insert(sample).values({ id: '0190a0a0-0000-7000-8000-000000000001', payload: { a: 1 }, at: new Date(0) });

  it('stops classifying parameters and leaves the SQL text and parameters as they were', () => {
    const plain = newDb();
    const before = dialectOf(plain).sqlToQuery(insert(plain).getSQL());
    expect(before.typings).toEqual(['uuid', 'json', 'timestamp']);

    const lean = withoutParameterTypings(newDb());
    const after = dialectOf(lean).sqlToQuery(insert(lean).getSQL());
    expect(after.typings).toEqual(['none', 'none', 'none']);
    expect(after.sql).toBe(before.sql);
    expect(after.params).toEqual(before.params);
  });
});
