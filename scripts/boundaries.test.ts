import { describe, expect, it } from 'vitest';
import {
  checkTree,
  contextWrites,
  dataAccessViolations,
  folderCycles,
  folderOf,
  importsOf,
  silentSkips,
  undeclaredEvents,
  violations,
} from './boundaries.ts';

const check = (file: string, source: string) => violations(importsOf(file, source));

describe('import boundaries', () => {
  it('hold for the whole tree', () => {
    expect(checkTree()).toEqual([]);
  });

  it('refuse the kernel importing the app', () => {
    expect(check('worker/kernel/x.ts', "import { a } from '../db/client.ts';")).toHaveLength(1);
    expect(check('worker/kernel/x.ts', "import { z } from 'zod';\nimport { b } from './errors.ts';")).toEqual([]);
  });

  it('refuse a repo importing Hono and a handler importing SQL', () => {
    expect(check('worker/modules/a/a.repo.ts', "import type { Context } from 'hono';")).toHaveLength(1);
    expect(check('worker/modules/a/a.routes.ts', "import { eq } from 'drizzle-orm';")).toHaveLength(1);
    expect(check('worker/modules/a/a.routes.ts', "import * as repo from './a.repo.ts';")).toHaveLength(1);
  });

  it('refuse one module reaching into another module’s repo, not into its service', () => {
    expect(check('worker/modules/a/a.service.ts', "import { x } from '../b/b.repo.ts';")).toHaveLength(1);
    expect(check('worker/modules/a/a.service.ts', "import { x } from '../b/b.service.ts';")).toEqual([]);
  });

  it('let the web app import only types from the worker', () => {
    expect(check('web/src/lib/api.ts', "import { newApp } from '../../../worker/app.ts';")).toHaveLength(1);
    expect(check('web/src/lib/api.ts', "import type { AppType } from '../../../worker/app.ts';")).toEqual([]);
  });

  it('let the web app run the kernel files shared with it, and keep those free of imports', () => {
    expect(check('web/src/app/x.tsx', "import { safeRedirectPath } from '../../../worker/kernel/redirect.ts';")).toEqual([]);
    expect(check('web/src/app/x.tsx', "import { AppError } from '../../../worker/kernel/errors.ts';")).toHaveLength(1);
    expect(check('worker/kernel/redirect.ts', "import { a } from './errors.ts';")).toHaveLength(1);
    expect(check('worker/kernel/redirect.ts', "import { z } from 'zod';")).toHaveLength(1);
  });

  it('let the web app and the marketing site read the billing plans, which import nothing', () => {
    expect(check('web/src/app/x.tsx', "import { plans } from '../../../worker/modules/billing/billing.plans.ts';")).toEqual([]);
    expect(check('marketing/src/pages/pricing.astro', "import { plans } from '../../../worker/modules/billing/billing.plans.ts';")).toEqual(
      [],
    );
    expect(check('web/src/app/x.tsx', "import { getBilling } from '../../../worker/modules/billing/billing.service.ts';")).toHaveLength(1);
    expect(check('worker/modules/billing/billing.plans.ts', "import { z } from 'zod';")).toHaveLength(1);
  });

  it('let the files shared with the web app import types, and nothing else', () => {
    expect(check('web/src/lib/x.ts', "import { PermissionTable } from '../../../worker/kernel/permissions.ts';")).toEqual([]);
    expect(check('worker/kernel/permissions.ts', "import type { Role } from './actor.ts';")).toEqual([]);
    expect(check('worker/kernel/permissions.ts', "import { roles } from './actor.ts';")).toHaveLength(1);
    expect(
      check('worker/modules/projects/projects.permissions.ts', "import type { PermissionRows } from '../../kernel/permissions.ts';"),
    ).toEqual([]);
    expect(check('worker/modules/projects/projects.permissions.ts', "import { z } from 'zod';")).toHaveLength(1);
  });

  it('let the web app run a module’s input schemas, which import only zod and other input files', () => {
    expect(check('web/src/features/a/x.tsx', "import { signupInput } from '../../../../worker/modules/auth/auth.input.ts';")).toEqual([]);
    expect(check('web/src/features/a/x.tsx', "import { signupBody } from '../../../../worker/modules/auth/auth.schema.ts';")).toHaveLength(
      1,
    );
    expect(check('worker/modules/a/a.input.ts', "import { z } from 'zod';\nimport { rule } from '../b/b.input.ts';")).toEqual([]);
    expect(check('worker/modules/a/a.input.ts', "import { z } from '@hono/zod-openapi';")).toHaveLength(1);
    expect(check('worker/modules/a/a.input.ts', "import { slugPattern } from '../../kernel/slug.ts';")).toEqual([]);
    expect(check('worker/modules/a/a.input.ts', "import { AppError } from '../../kernel/errors.ts';")).toHaveLength(1);
    expect(check('worker/modules/a/a.input.ts', "import type { Role } from '../../kernel/actor.ts';")).toEqual([]);
  });

  it('keep adapters on the kernel', () => {
    expect(check('worker/adapters/x/y.ts', "import { Database } from '../../db/client.ts';")).toHaveLength(1);
  });

  it('let code outside worker/db reach the database only through the gateway', () => {
    // Built from parts, so this file does not itself hold the text the rule looks for.
    const http = ['await db', '.http.select().from(user);'].join('');
    const pool = ['await deps.db', '.pool.execute(sql`select 1`);'].join('');
    const transaction = ['await tx', '.transaction((sp) => sp.execute(q));'].join('');
    expect(dataAccessViolations('worker/modules/a/a.service.ts', http)).toHaveLength(1);
    expect(dataAccessViolations('queues/a.repo.ts', pool)).toHaveLength(1);
    expect(dataAccessViolations('durable-objects/a.ts', transaction)).toHaveLength(1);
    expect(dataAccessViolations('worker/modules/a/a.service.ts', "import { withTenant } from '../../db/tenant.ts';")).toHaveLength(1);
    expect(dataAccessViolations('worker/modules/a/a.repo.ts', "import { inWorkspace } from '../../db/context.ts';")).toHaveLength(1);
    expect(dataAccessViolations('worker/middleware/x.ts', "import { Database } from '../db/client.ts';")).toHaveLength(1);

    expect(dataAccessViolations('worker/modules/a/a.service.ts', "import { system } from '../../db/gateway.ts';")).toEqual([]);
    expect(dataAccessViolations('worker/modules/a/a.repo.ts', "import type { Tx } from '../../db/tenant.ts';")).toEqual([]);
    expect(dataAccessViolations('worker/modules/a/a.repo.ts', "import { user } from '../../db/schema.ts';")).toEqual([]);
    expect(
      dataAccessViolations('worker/modules/a/a.service.ts', 'await system(db, { role: "owner" }).query((q) => repo.find(q));'),
    ).toEqual([]);
    expect(dataAccessViolations('worker/db/tenant.ts', http)).toEqual([]);
    expect(dataAccessViolations('worker/modules/a/a.test.ts', http)).toEqual([]);
    expect(dataAccessViolations('worker/test/db.ts', http)).toEqual([]);
  });

  it('let only worker/db/context.ts write the settings row-level security reads', () => {
    // Built from parts, so this file does not itself hold the text the rule looks for.
    const write = ['select set', "_config('app.workspace_id', $1, true)"].join('');
    expect(contextWrites('worker/modules/x/x.repo.ts', `await tx.execute(sql\`${write}\`);`)).toHaveLength(1);
    expect(contextWrites('scripts/seed-lib.ts', ['SET LOCAL ', 'app.user_id = 1'].join(''))).toHaveLength(1);
    expect(contextWrites('worker/db/context.ts', write)).toEqual([]);
    expect(contextWrites('worker/modules/x/x.repo.ts', 'await tx.execute(inWorkspace(id));')).toEqual([]);
  });

  it('refuse a skipped test that does not say why', () => {
    const skipIf = ['it.sk', "ipIf(cond)('x', () => {})"].join('');
    const bare = ['ctx.skip', '()'].join('');
    expect(silentSkips('worker/x.test.ts', skipIf)).toHaveLength(1);
    expect(silentSkips('worker/x.test.ts', `if (c) ${bare};`)).toHaveLength(1);
    expect(silentSkips('worker/x.test.ts', "ctx.skip('needs redis-server')")).toEqual([]);
    expect(silentSkips('worker/x.ts', skipIf)).toEqual([]);
  });

  it('refuse one module importing another module’s tables, except as types', () => {
    expect(check('worker/modules/a/a.service.ts', "import { team } from '../b/b.tables.ts';")).toHaveLength(1);
    expect(check('worker/modules/a/a.service.ts', "import type { team } from '../b/b.tables.ts';")).toEqual([]);
    expect(check('worker/modules/a/a.repo.ts', "import { thing } from './a.tables.ts';")).toEqual([]);
  });

  it('let a module use the middleware only through its public file', () => {
    expect(check('worker/modules/a/a.routes.ts', "import { sessionCookieName } from '../../middleware/auth.ts';")).toHaveLength(1);
    expect(check('worker/modules/a/a.schema.ts', "import type { Logger } from '../../middleware/logger.ts';")).toHaveLength(1);
    expect(check('worker/modules/a/a.routes.ts', "import { tenantGateway } from '../../middleware/principal.ts';")).toEqual([]);
    expect(check('worker/modules/a/a.test.ts', "import { jsonLogger } from '../../middleware/logger.ts';")).toEqual([]);
    expect(check('worker/app.ts', "import { csrf } from './middleware/csrf.ts';")).toEqual([]);
  });

  it('let queues reach a module only through the registry', () => {
    expect(check('queues/jobs.ts', "import { run } from '../worker/modules/audit/audit-exports.job.ts';")).toHaveLength(1);
    expect(check('queues/jobs.ts', "import type { Part } from '../worker/modules/account/erasure-steps.ts';")).toHaveLength(1);
    expect(check('queues/registry.ts', "import { registeredModules } from '../worker/modules/assembly.ts';")).toEqual([]);
    expect(check('queues/consumer.test.ts', "import { x } from '../worker/modules/audit/audit.service.ts';")).toEqual([]);
  });

  it('name the folders of the cycle rule', () => {
    expect(folderOf('worker/modules/audit/audit.service.ts')).toBe('worker/modules/audit');
    expect(folderOf('worker/modules/assembly.ts')).toBe('worker/modules');
    expect(folderOf('worker/modules/registry.ts')).toBe('worker/modules/registry.ts');
    expect(folderOf('worker/middleware/auth.ts')).toBe('worker/middleware');
    expect(folderOf('worker/app.ts')).toBe('worker');
    expect(folderOf('queues/consumer.ts')).toBe('queues');
  });

  it('refuse an import cycle between folders, however long', () => {
    const edges = (...lines: Array<[string, string]>) => lines.flatMap(([file, source]) => importsOf(file, source));
    const twoFolders = edges(
      ['worker/middleware/request-context.ts', "import { wire } from '../wiring.ts';"],
      ['worker/app.ts', "import { cors } from './middleware/cors.ts';"],
    );
    expect(folderCycles(twoFolders)).toEqual([
      'import cycle between folders: worker -> worker/middleware -> worker (worker/app.ts -> worker/middleware/cors.ts; worker/middleware/request-context.ts -> worker/wiring.ts)',
    ]);
    const threeModules = edges(
      ['worker/modules/a/a.service.ts', "import { b } from '../b/b.service.ts';"],
      ['worker/modules/b/b.service.ts', "import { c } from '../c/c.service.ts';"],
      ['worker/modules/c/c.service.ts', "import { a } from '../a/a.service.ts';"],
    );
    expect(folderCycles(threeModules)).toHaveLength(1);
    expect(folderCycles(threeModules)[0]).toContain('worker/modules/a -> worker/modules/b -> worker/modules/c -> worker/modules/a');
  });

  it('let folders import each other’s types, and tests import anything', () => {
    const edges = [
      ...importsOf('worker/modules/module.ts', "import type { JobDefinition } from '../../queues/jobs.ts';"),
      ...importsOf('queues/registry.ts', "import { registeredModules } from '../worker/modules/assembly.ts';"),
      ...importsOf('worker/modules/a/a.test.ts', "import { call } from '../../test/client.ts';"),
      ...importsOf('worker/test/client.ts', "import { handler } from '../modules/a/a.routes.ts';"),
    ];
    expect(folderCycles(edges)).toEqual([]);
    expect(
      folderCycles([...edges, ...importsOf('worker/modules/module.ts', "import { defineJob } from '../../queues/jobs.ts';")]),
    ).toHaveLength(1);
  });

  it('let any folder read the billing plans, which import types only, without making a cycle', () => {
    const edges = [
      ...importsOf('worker/modules/entitlements.ts', "import { plans } from './billing/billing.plans.ts';"),
      ...importsOf('worker/modules/billing/billing.service.ts', "import { planOf } from '../entitlements.ts';"),
    ];
    expect(folderCycles(edges)).toEqual([]);
    expect(
      folderCycles([...edges, ...importsOf('worker/modules/entitlements.ts', "import { x } from './billing/billing.service.ts';")]),
    ).toHaveLength(1);
  });

  it('let a module publish only the events its manifest lists in `emits`', () => {
    const manifest = (emits: string) => ({
      file: 'worker/modules/a/a.module.ts',
      source: `defineModule({ name: 'a', emits: [${emits}] });`,
    });
    const service = {
      file: 'worker/modules/a/a.service.ts',
      source: "return [insert, ...bus.reactionsTo({ type: 'a.created', id }, db), ...bus.reactionsTo({\n type: 'a.renamed', id }, db)];",
    };
    expect(undeclaredEvents([manifest("'a.created', 'a.renamed'"), service])).toEqual([]);
    expect(undeclaredEvents([manifest("'a.created'"), service])).toEqual([
      "worker/modules/a/a.service.ts: publishes 'a.renamed', which is not in the `emits` of module a",
    ]);
    expect(undeclaredEvents([{ file: 'worker/modules/a/a.module.ts', source: "defineModule({ name: 'a' });" }, service])).toHaveLength(2);
    expect(undeclaredEvents([manifest("'a.created', 'a.renamed', 'a.deleted'"), service])).toEqual([
      "worker/modules/a/a.module.ts: lists 'a.deleted' in `emits` but never publishes it",
    ]);
    const unreadable = { file: 'worker/modules/a/a.service.ts', source: 'return bus.reactionsTo(event, db);' };
    expect(undeclaredEvents([manifest(''), unreadable])).toHaveLength(1);
    expect(undeclaredEvents([manifest(''), { ...unreadable, file: 'worker/modules/a/a.test.ts' }])).toEqual([]);
  });
});
