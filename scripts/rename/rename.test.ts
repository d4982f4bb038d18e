import { inGamutChroma, inSrgb } from './oklch-gamut.ts';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyTree } from '../check-removable.ts';
import {
  changedBetween,
  type Identity,
  identityFile,
  identityProblem,
  leftovers,
  renameText,
  renameTree,
  slugOf,
  treeDigest,
} from './rename-lib.ts';

const template: Identity = { name: 'Edge SaaS', slug: 'edge-saas', domain: 'example.com', hue: 277 };
// Not the identity the removable-module check renames its copy to (Acme), so this file passes there too.
const nimbus: Identity = { name: 'Nimbus', slug: 'nimbus', domain: 'nimbus.io', hue: 160 };

async function tree(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'rename-'));
  for (const [path, text] of Object.entries({ [identityFile]: JSON.stringify(template), ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe('npm run rename', () => {
  it('renames names, identifiers, the deployed domain and the hue, and leaves examples and history alone', async () => {
    const dir = await tree({
      'package.json': '{ "name": "edge-saas-template" }',
      'wrangler.toml':
        'name = "edge-saas"\nAPP_ORIGIN = "https://app.example.com"\nMAIL_FROM = "Edge SaaS <no-reply@example.com>"\nbucket_name = "edge-saas-production-files"',
      'web/src/locales/en.ts': "'app.name': 'Edge SaaS', 'demo': 'demo@example.com'",
      'web/src/styles/index.css':
        '  --color-primary: oklch(0.51 0.23 277);\n  --color-danger: oklch(0.5 0.2 27);\n  --color-fg: oklch(0.21 0.01 277);',
      'marketing/src/styles/global.css':
        '  --accent-soft: oklch(0.96 0.03 277);\n  --on-brand: oklch(0.16 0.02 277 / 0.9);\n  --bg: oklch(1 0 0);',
      'marketing/src/layouts/Base.astro': "const productName = 'Edge SaaS Template';",
      'migrations/0001_x.sql': '-- edge-saas',
      'docs/decisions/001-x.md': 'Edge SaaS decided',
      'worker/kernel/secret-box.ts': "salt: encoder.encode('edge-saas/secret-box')",
    });
    const changed = await renameTree(dir, nimbus);
    expect(changed.sort()).toEqual(
      [
        'marketing/src/layouts/Base.astro',
        'marketing/src/styles/global.css',
        'package.json',
        identityFile,
        'web/src/locales/en.ts',
        'web/src/styles/index.css',
        'wrangler.toml',
      ].sort(),
    );
    const read = (path: string) => readFile(join(dir, path), 'utf8');
    expect(await read('package.json')).toBe('{ "name": "nimbus" }');
    expect(await read('wrangler.toml')).toBe(
      'name = "nimbus"\nAPP_ORIGIN = "https://app.nimbus.io"\nMAIL_FROM = "Nimbus <no-reply@nimbus.io>"\nbucket_name = "nimbus-production-files"',
    );
    expect(await read('web/src/locales/en.ts')).toBe("'app.name': 'Nimbus', 'demo': 'demo@example.com'");
    expect(await read('web/src/styles/index.css')).toBe(
      // Lightness kept, chroma lowered to what green can show in sRGB: clipped, 0.23 would lighten the
      // link colour to 4.4:1 against the page, under WCAG's 4.5.
      '  --color-primary: oklch(0.51 0.115 160);\n  --color-danger: oklch(0.5 0.2 27);\n  --color-fg: oklch(0.21 0.01 277);',
    );
    expect(await read('marketing/src/styles/global.css')).toBe(
      '  --accent-soft: oklch(0.96 0.03 160);\n  --on-brand: oklch(0.16 0.02 160 / 0.9);\n  --bg: oklch(1 0 0);',
    );
    expect(await read('marketing/src/layouts/Base.astro')).toBe("const productName = 'Nimbus';");
    expect(await read('migrations/0001_x.sql')).toBe('-- edge-saas');
    expect(await read('worker/kernel/secret-box.ts')).toContain("'edge-saas/secret-box'");

    expect(await renameTree(dir, nimbus)).toEqual([]);
    // and on from there, to another name
    expect(await renameTree(dir, { ...nimbus, name: 'Beta Works', slug: 'beta-works' })).toContain('wrangler.toml');
    expect(await read('wrangler.toml')).toContain('MAIL_FROM = "Beta Works <no-reply@nimbus.io>"');
  });

  it('makes identifiers Workers, buckets, queues and cookies accept, and refuses what they would not', () => {
    expect(slugOf('Ácme Cloud, Inc.')).toBe('acme-cloud-inc');
    expect(identityProblem(nimbus)).toBeNull();
    expect(identityProblem({ ...nimbus, slug: slugOf('42') })).toContain('is not a usable identifier');
    expect(identityProblem({ ...nimbus, name: 'Evil <x@y>' })).toContain('mail sender');
    expect(identityProblem({ ...nimbus, domain: 'nimbus' })).toContain('not a domain name');
    expect(identityProblem({ ...nimbus, hue: 400 })).toContain('hue');
    expect(renameText('README.md', 'see app.example.com', template, nimbus)).toBe('see app.example.com');
  });

  it('changes nothing when renamed to the name it has, even a name ending in "Template"', () => {
    const text = 'Nimbus Template (nimbus-template) at app.nimbus.io';
    expect(renameText('wrangler.toml', text, nimbus, nimbus)).toBe(text);
    expect(renameText('wrangler.toml', 'Edge SaaS Template', template, nimbus)).toBe('Nimbus');
  });

  it('renames a copy of this repository so that a second run changes nothing and the old name is left only in history', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rename-repository-'));
    await copyTree(dir);
    const current = JSON.parse(await readFile(join(dir, identityFile), 'utf8')) as Identity;
    const other: Identity = { name: 'Zephyr Ledger', slug: 'zephyr-ledger', domain: 'zephyr-ledger.test', hue: 31 };
    expect(await leftovers(dir, current)).not.toEqual([]);

    expect((await renameTree(dir, other)).length).toBeGreaterThan(10);
    expect(await leftovers(dir, current)).toEqual([]);
    const renamed = await treeDigest(dir);
    expect(await renameTree(dir, other)).toEqual([]);
    expect(changedBetween(renamed, await treeDigest(dir))).toEqual([]);
  });

  it('finds what a rename missed, in any case and with any separator, outside history', async () => {
    // Another identity than the template's, so that renaming this repository leaves the fixture as it is.
    const blueFox: Identity = { name: 'Blue Fox', slug: 'blue-fox', domain: 'blue-fox.test', hue: 20 };
    const dir = await tree({
      'README.md': 'Welcome.',
      'worker/env.ts': 'const key = "BLUE_FOX_KEY";',
      'web/title.ts': "const title = 'blue fox';",
      'web/brand.ts': "const brand = 'BlueFox';",
      'migrations/0001_x.sql': '-- blue-fox',
      'worker/kernel/secret-box.ts': "salt: 'blue-fox/secret-box'",
      'public/logo.png': 'blue-fox',
    });
    expect(await leftovers(dir, blueFox)).toEqual(['web/brand.ts', 'web/title.ts', 'worker/env.ts']);
  });

  it('tells which files a second run added, removed or changed', () => {
    const before = new Map([
      ['a.ts', '1'],
      ['b.ts', '2'],
      ['c.ts', '3'],
    ]);
    const after = new Map([
      ['a.ts', '1'],
      ['b.ts', '9'],
      ['d.ts', '4'],
    ]);
    expect(changedBetween(before, after)).toEqual(['b.ts', 'c.ts', 'd.ts']);
    expect(changedBetween(before, new Map(before))).toEqual([]);
  });
});

describe('a brand colour moved to another hue', () => {
  it('keeps its lightness and only as much chroma as sRGB can show there', () => {
    expect(inGamutChroma(0.51, 0.23, 277)).toBe(0.23);
    expect(inSrgb(0.51, 0.23, 160)).toBe(false);
    const green = inGamutChroma(0.51, 0.23, 160);
    expect(green).toBeGreaterThan(0.1);
    expect(inSrgb(0.51, green, 160)).toBe(true);
    expect(inSrgb(0.51, green + 0.002, 160)).toBe(false);
  });
});
