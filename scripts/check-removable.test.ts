import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renameCopy, withoutModuleLine } from './check-removable.ts';
import { type Identity, identityFile, renameTree, slugOf } from './rename/rename-lib.ts';

const before: Identity = { name: 'Blue Fox', slug: 'blue-fox', domain: 'blue-fox.test', hue: 20 };
const after = { name: 'Red Owl', domain: 'red-owl.test', hue: 200 };

async function copy(files: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'removable-'));
  for (const [path, text] of Object.entries({ [identityFile]: JSON.stringify(before), ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const renameInProcess = (dir: string) => async () => {
  await renameTree(dir, { ...after, slug: slugOf(after.name) });
  return true;
};

describe('the removable-module check renames its copy first', () => {
  it('passes a rename that leaves no old name and changes nothing the second time', async () => {
    const dir = await copy({ 'wrangler.toml': 'name = "blue-fox"', 'web/app.ts': "const title = 'Blue Fox';" });
    expect(await renameCopy(dir, after, renameInProcess(dir))).toBe(true);
    expect(await readFile(join(dir, 'web/app.ts'), 'utf8')).toBe("const title = 'Red Owl';");
  });

  it('fails when the old name is left in a form the rename does not know', async () => {
    const dir = await copy({ 'worker/env.ts': 'const key = env.BLUE_FOX_KEY;' });
    expect(await renameCopy(dir, after, renameInProcess(dir))).toBe(false);
  });

  it('fails when a second rename changes a file', async () => {
    const dir = await copy({ 'web/app.ts': "const title = 'Blue Fox';" });
    let runs = 0;
    const drifting = async () => {
      await renameInProcess(dir)();
      await writeFile(join(dir, 'web/run.txt'), String(++runs));
      return true;
    };
    expect(await renameCopy(dir, after, drifting)).toBe(false);
  });

  it('stops when the rename itself fails', async () => {
    const dir = await copy({});
    expect(await renameCopy(dir, after, () => false)).toBe(false);
  });

  it("removes exactly the module's line from the registry", () => {
    const registry =
      "export { projectsModule } from './projects/projects.module.ts';\nexport { teamsModule } from './teams/teams.module.ts';\n";
    expect(withoutModuleLine(registry, 'projects')).toBe("export { teamsModule } from './teams/teams.module.ts';\n");
    expect(() => withoutModuleLine(registry, 'invoices')).toThrow('no line for the module "invoices"');
  });
});
