import { describe, expect, it } from 'vitest';
import { staleReferences, staleReferencesInTree } from './doc-references.ts';

describe('references in docs and comments', () => {
  it('name only files, migrations and decision records this repository holds', () => {
    expect(staleReferencesInTree()).toEqual([]);
  });

  it('are caught when a path, a migration or a decision record is missing, or a document is foreign', () => {
    const doc = [
      'See `worker/db/nothing-here.ts` and `db/tenant.ts`.',
      'Applied by 9999_never.sql, decided in ADR 999.',
      'As the design document DESIGN.md says.',
    ].join('\n');
    expect(staleReferences('docs/x.md', doc)).toEqual([
      'docs/x.md: cites worker/db/nothing-here.ts, which is not in this repository',
      'docs/x.md: cites migrations/9999_never.sql, which is not in this repository',
      'docs/x.md: cites decision record 999, which is not in this repository',
      'docs/x.md: cites DESIGN.md, which is not in this repository',
    ]);
  });

  it('leave alone the stack locations a profiler recorded (`file:line`)', () => {
    const profile = '| listThings | worker/modules/gone/gone.service.ts:29 | 0.392 |\nSee worker/modules/gone/gone.service.ts.';
    expect(staleReferences('bench/PROFILE.md', profile)).toEqual([
      'bench/PROFILE.md: cites worker/modules/gone/gone.service.ts, which is not in this repository',
    ]);
  });

  it('read only the comments of code, not its strings', () => {
    const comment = ['/', '/ see worker/also-none.ts'].join('');
    const code = `const path = 'worker/none.ts'; ${comment}\n`;
    expect(staleReferences('worker/x.ts', code)).toEqual(['worker/x.ts: cites worker/also-none.ts, which is not in this repository']);
  });
});
