import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { roles } from '../worker/kernel/actor.ts';
import { docPath, platformTable, renderTable, tableIn } from './permissions-doc.ts';

describe('docs/permissions.md', () => {
  it("holds the platform's role × action table (regenerate: node scripts/permissions-doc.ts --write)", async () => {
    const doc = await readFile(docPath, 'utf8');
    expect(tableIn(doc)).toBe(renderTable());
  });

  it('renders one row per action and one column per role, from the code', () => {
    const lines = renderTable().split('\n');
    expect(lines).toHaveLength(platformTable.actions.length + 2);
    expect(lines[0]).toBe('| action | owner | admin | member | viewer |');
    const ownerOnly = lines.find((l) => l.startsWith('| `workspace:transfer_ownership`'));
    expect(ownerOnly).toBe('| `workspace:transfer_ownership` | ✓ | — | — | — |');
    const cells = lines.slice(2).flatMap((l) =>
      l
        .split('|')
        .slice(2, -1)
        .map((c) => c.trim()),
    );
    const granted = roles.reduce((n, role) => n + platformTable.actions.filter((a) => platformTable.allows(role, a)).length, 0);
    expect(cells.filter((c) => c === '✓')).toHaveLength(granted);
  });
});
