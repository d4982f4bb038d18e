import { describe, expect, it } from 'vitest';
import { committedDocument, renderDocument } from './openapi-doc.ts';

describe('docs/openapi.json', () => {
  // Rendering loads the whole app in Node (a build, in effect): on a busy machine it takes a while.
  it('is the document the app serves (regenerate: node scripts/openapi-doc.ts --write)', { timeout: 120_000 }, async () => {
    const [committed, rendered] = await Promise.all([committedDocument(), renderDocument()]);
    expect(committed).toBe(rendered);
  });
});
