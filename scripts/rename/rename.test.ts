import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Identity, identityFile, identityProblem, renameText, renameTree, slugOf } from './rename-lib.ts';

const template: Identity = { name: 'Edge SaaS', slug: 'edge-saas', domain: 'example.com', hue: 277 };
const acme: Identity = { name: 'Acme', slug: 'acme', domain: 'acme.com', hue: 160 };

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
      'web/src/styles/index.css': '  --color-primary: oklch(0.51 0.23 277);\n  --color-danger: oklch(0.5 0.2 277);',
      'marketing/src/layouts/Base.astro': "const productName = 'Edge SaaS Template';",
      'migrations/0001_x.sql': '-- edge-saas',
      'docs/decisions/001-x.md': 'Edge SaaS decided',
      'worker/kernel/secret-box.ts': "salt: encoder.encode('edge-saas/secret-box')",
    });
    const changed = await renameTree(dir, acme);
    expect(changed.sort()).toEqual(
      [
        'marketing/src/layouts/Base.astro',
        'package.json',
        identityFile,
        'web/src/locales/en.ts',
        'web/src/styles/index.css',
        'wrangler.toml',
      ].sort(),
    );
    const read = (path: string) => readFile(join(dir, path), 'utf8');
    expect(await read('package.json')).toBe('{ "name": "acme" }');
    expect(await read('wrangler.toml')).toBe(
      'name = "acme"\nAPP_ORIGIN = "https://app.acme.com"\nMAIL_FROM = "Acme <no-reply@acme.com>"\nbucket_name = "acme-production-files"',
    );
    expect(await read('web/src/locales/en.ts')).toBe("'app.name': 'Acme', 'demo': 'demo@example.com'");
    expect(await read('web/src/styles/index.css')).toBe('  --color-primary: oklch(0.51 0.23 160);\n  --color-danger: oklch(0.5 0.2 277);');
    expect(await read('marketing/src/layouts/Base.astro')).toBe("const productName = 'Acme';");
    expect(await read('migrations/0001_x.sql')).toBe('-- edge-saas');
    expect(await read('worker/kernel/secret-box.ts')).toContain("'edge-saas/secret-box'");

    expect(await renameTree(dir, acme)).toEqual([]);
    // and on from there, to another name
    expect(await renameTree(dir, { ...acme, name: 'Beta Works', slug: 'beta-works' })).toContain('wrangler.toml');
    expect(await read('wrangler.toml')).toContain('MAIL_FROM = "Beta Works <no-reply@acme.com>"');
  });

  it('makes identifiers Workers, buckets, queues and cookies accept, and refuses what they would not', () => {
    expect(slugOf('Ácme Cloud, Inc.')).toBe('acme-cloud-inc');
    expect(identityProblem(acme)).toBeNull();
    expect(identityProblem({ ...acme, slug: slugOf('42') })).toContain('is not a usable identifier');
    expect(identityProblem({ ...acme, name: 'Evil <x@y>' })).toContain('mail sender');
    expect(identityProblem({ ...acme, domain: 'acme' })).toContain('not a domain name');
    expect(identityProblem({ ...acme, hue: 400 })).toContain('hue');
    expect(renameText('README.md', 'see app.example.com', template, acme)).toBe('see app.example.com');
  });
});
