import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTree } from './check-removable.ts';
import { withCatalogueBlock, withModuleLine } from './new-module.ts';
import { moduleNames, prefixCandidates, singular, withOptions } from './new-module/names.ts';
import { root } from './stack.ts';

/** Every file of the scratch tree (node_modules aside) with a hash of its content. */
async function treeState(dir: string): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || path.includes('/node_modules/')) continue;
    state.set(
      path.slice(dir.length + 1),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return state;
}

function newModule(cwd: string, ...args: string[]) {
  const result = spawnSync(join(root, 'node_modules/.bin/node'), ['scripts/new-module.ts', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run new:module', () => {
  let scratch: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'new-module-test-'));
    await copyTree(scratch);
    before = await treeState(scratch);
  }, 60_000);
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  const refusals: Array<[string[], RegExp]> = [
    [[], /Give the module a name/],
    [['team-members'], /A table named "team_member" exists already/],
    [['teams'], /A module named "teams" exists already \(web\/src\/features\/teams\)/],
    [['members'], /A module named "members" exists already/],
    ...['auth', 'api', 'admin', 'settings', 'me', 'w', 'class', 'delete'].map((word): [string[], RegExp] => [[word], /is a reserved word/]),
    [['deletes'], /uses the reserved word "delete"/],
    [['Invoices'], /is not kebab-case/],
    [['purchase_orders'], /is not kebab-case/],
    [['purchase--orders'], /is not kebab-case/],
    [['invoice'], /does not look plural/],
    [['address'], /does not look plural/],
    [['invoices', '--attachment'], /Unknown option '--attachment'.*Usage: npm run new:module -- <name> \[--attachments\]/s],
  ];
  for (const [args, message] of refusals) {
    it(`refuses ${args.length ? `"${args[0]}"` : 'no name'} with a clear message and writes nothing`, () => {
      const { status, output } = newModule(scratch, ...args);
      expect(status).toBe(1);
      expect(output).toMatch(message);
      expect(output).toContain('Nothing was written.');
    });
  }

  it('left the tree exactly as it was after every refusal', async () => {
    expect(await treeState(scratch)).toEqual(before);
  });

  it('removes what it wrote when a step fails mid-way (here drizzle-kit, on a broken table file)', async () => {
    const broken = join(scratch, 'worker/modules/zz-broken/zz-broken.tables.ts');
    await mkdir(join(scratch, 'worker/modules/zz-broken'), { recursive: true });
    await writeFile(broken, 'export const = ;\n');
    try {
      const { status, output } = newModule(scratch, 'invoices');
      expect(status).toBe(1);
      expect(output).toContain('what it had written was removed');
    } finally {
      await rm(join(scratch, 'worker/modules/zz-broken'), { recursive: true, force: true });
    }
    expect(await treeState(scratch)).toEqual(before);
  }, 300_000);

  it('writes a module with a free id prefix, its registry line in order and both migrations', async () => {
    const { status, output } = newModule(scratch, 'invoices');
    expect(output).toContain('Wrote the module "invoices"');
    expect(status).toBe(0);
    // `inv` belongs to invites: the next candidate is taken.
    expect(await readFile(join(scratch, 'worker/modules/invoices/invoices.ids.ts'), 'utf8')).toContain("publicIdKind('invoice', 'invo')");
    const registry = await readFile(join(scratch, 'worker/modules/registry.ts'), 'utf8');
    expect(registry).toMatch(
      /flagsModule[^\n]*\nexport \{ invoicesModule \} from '\.\/invoices\/invoices\.module\.ts';\nexport \{ jobsModule \}/,
    );
    const added = [...(await treeState(scratch)).keys()].filter((file) => !before.has(file) && file.startsWith('migrations/')).sort();
    expect(added.filter((file) => file.endsWith('.sql'))).toEqual([
      expect.stringMatching(/_invoices\.sql$/),
      expect.stringMatching(/_invoices_rls\.sql$/),
    ]);
    const rls = await readFile(join(scratch, added.find((file) => file.endsWith('_rls.sql')) ?? ''), 'utf8');
    expect(rls).toContain('ALTER TABLE "invoice" FORCE ROW LEVEL SECURITY');
    expect(rls).toContain('GRANT SELECT, INSERT, UPDATE ON "invoice" TO app_request');
    expect(await readFile(join(scratch, 'worker/db/security.sql'), 'utf8')).toContain('public.invoice FORCE ROW LEVEL SECURITY');
    // Without --attachments, nothing of them.
    expect(rls).not.toContain('attachment');
    const files = await readdir(join(scratch, 'worker/modules/invoices'));
    expect(files.filter((file) => file.includes('attachment'))).toEqual([]);
    for (const file of ['invoices.tables.ts', 'invoices.module.ts', 'invoices.isolation.ts']) {
      const text = await readFile(join(scratch, 'worker/modules/invoices', file), 'utf8');
      expect(text, file).not.toMatch(/attachment|@(no-)?attachments/i);
    }
    // A second run is refused: the module exists now.
    expect(newModule(scratch, 'invoices').output).toMatch(/A module named "invoices" exists already/);
  }, 300_000);

  it('with --attachments, adds the link table, its migration, routes, isolation cases and tests through the files module', async () => {
    const before = new Set((await treeState(scratch)).keys());
    const { status, output } = newModule(scratch, 'receipts', '--attachments');
    expect(output).toContain('Wrote the module "receipts" (id prefix rec_, with attachments)');
    expect(status).toBe(0);
    const module = (file: string) => readFile(join(scratch, 'worker/modules/receipts', file), 'utf8');
    expect(await module('receipts.tables.ts')).toContain(
      "export const receiptAttachment = attachmentTable('receipt_attachment', 'receipt_id', () => receipt.id);",
    );
    expect(await module('receipts-attachments.routes.ts')).toContain(
      "attachmentRoutes('/w/{workspace}/receipts/{id}', receiptAttachments, ['Receipts'])",
    );
    const manifest = await module('receipts.module.ts');
    expect(manifest).toContain(
      "lazyRoutes(['/w/{workspace}/receipts'], () => import('./receipts.routes.ts').then((m) => m.receiptRoutes())),",
    );
    expect(manifest).toContain(
      "lazyRoutes(['/w/{workspace}/receipts'], () => import('./receipts-attachments.routes.ts').then((m) => m.receiptAttachmentRoutes())),",
    );
    expect(await module('receipts.isolation.ts')).toContain("...attachmentIsolationCases('/w/{workspace}/receipts/{id}', createReceipt),");
    expect(await module('receipts-attachments.test.ts')).toContain("table: 'receipt_attachment'");
    for (const file of await readdir(join(scratch, 'worker/modules/receipts'))) {
      expect(await module(file), file).not.toMatch(/@(no-)?attachments/);
    }
    const added = [...(await treeState(scratch)).keys()].filter((file) => !before.has(file) && file.endsWith('.sql')).sort();
    const [table, rls] = await Promise.all(added.map((file) => readFile(join(scratch, file), 'utf8')));
    expect(table).toContain('CREATE TABLE "receipt_attachment"');
    expect(table).toContain('CONSTRAINT "receipt_attachment_receipt_id_file_id_pk" PRIMARY KEY("receipt_id","file_id")');
    expect(rls).toContain('ALTER TABLE "receipt_attachment" FORCE ROW LEVEL SECURITY');
    expect(rls).toContain(
      'ADD CONSTRAINT "receipt_attachment_file_fk" FOREIGN KEY ("workspace_id", "file_id") REFERENCES "public"."file"("workspace_id", "id") ON DELETE CASCADE',
    );
    expect(rls).toContain('GRANT SELECT, INSERT, DELETE ON "receipt_attachment" TO app_request');
    expect(await readFile(join(scratch, 'worker/db/security.sql'), 'utf8')).toContain('public.receipt_attachment FORCE ROW LEVEL SECURITY');
  }, 300_000);
});

describe('the names a module derives', () => {
  it('makes singulars, identifiers and prefixes from a kebab-case plural', () => {
    expect(['invoices', 'categories', 'boxes', 'purchase-orders'].map(singular)).toEqual(['invoice', 'category', 'box', 'purchase-order']);
    expect(moduleNames('purchase-orders')).toMatchObject({
      itemVar: 'purchaseOrder',
      Items: 'PurchaseOrders',
      item_table: 'purchase_order',
      itemsProp: "['purchase-orders']",
    });
    expect(prefixCandidates('purchase-order')[0]).toBe('po');
    expect(prefixCandidates('invoice').slice(0, 3)).toEqual(['inv', 'invo', 'invoi']);
  });

  it('keeps the lines marked for an option only with it, and those marked against it only without', () => {
    const template = 'a\nb // @attachments\nc // @no-attachments\n// @attachments\nd\n';
    expect(withOptions(template, { attachments: true })).toBe('a\nb\n\nd\n');
    expect(withOptions(template, { attachments: false })).toBe('a\nc\nd\n');
  });

  it('puts the registry line among the others by export name', () => {
    const registry = "/** doc */\nexport { aModule } from './a/a.module.ts';\nexport { zModule } from './z/z.module.ts';\n";
    expect(withModuleLine(registry, moduleNames('widgets'))).toBe(
      "/** doc */\nexport { aModule } from './a/a.module.ts';\nexport { widgetsModule } from './widgets/widgets.module.ts';\nexport { zModule } from './z/z.module.ts';\n",
    );
    expect(withModuleLine(registry, moduleNames('zebras'))).toMatch(/zModule[^\n]*\nexport \{ zebrasModule \}/);
  });

  it('adds the module’s sentences at the end of the English catalogue', () => {
    const catalogue = "export const en = {\n  'app.name': 'Edge SaaS',\n} as const;\n\nexport const catalogue = en;\n";
    expect(withCatalogueBlock(catalogue, "  'widget.title': 'Widgets',\n")).toBe(
      "export const en = {\n  'app.name': 'Edge SaaS',\n  'widget.title': 'Widgets',\n} as const;\n\nexport const catalogue = en;\n",
    );
    expect(() => withCatalogueBlock('export const en = {};', "  'widget.title': 'Widgets',")).toThrow(/as const/);
  });
});
