import { describe, expect, it } from 'vitest';
import { checkTree, contextWrites, importsOf, silentSkips, violations } from './boundaries.ts';

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

  it('keep adapters on the kernel', () => {
    expect(check('worker/adapters/x/y.ts', "import { Database } from '../../db/client.ts';")).toHaveLength(1);
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
});
