import { describe, expect, it } from 'vitest';
import { committedDocument, renderDocument } from './openapi-doc.ts';

describe('docs/openapi.json', () => {
  it('is the document the app serves (regenerate: node scripts/openapi-doc.ts --write)', async () => {
    const [committed, rendered] = await Promise.all([committedDocument(), renderDocument()]);
    expect(committed).toBe(rendered);
  });
});
