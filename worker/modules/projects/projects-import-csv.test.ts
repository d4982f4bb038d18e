import { describe, expect, it } from 'vitest';
import { CsvError, MAX_IMPORT_ROWS, parseProjectsCsv, projectOfRow } from './projects-import.csv.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** The parser and the row check at the full 50,000 rows (the whole chain takes 5,000 in projects-import.test.ts). */
describe('reading a CSV of projects', () => {
  it('reads 50,000 rows, quoted commas and line breaks included, and checks each', async () => {
    const lines = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `"Project ${i}, the ${i}th","line one\nline two",archived`);
    const parsed = await parseProjectsCsv(encode(['name,description,status', ...lines].join('\r\n')));
    const checked = parsed.rows.map((cells, i) => projectOfRow(parsed.columns, cells, i + 1));

    expect(parsed.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(checked.every((c) => 'project' in c)).toBe(true);
    expect(checked[49_999]).toEqual({
      project: { name: 'Project 49999, the 49999th', description: 'line one\nline two', status: 'archived' },
    });
  });

  it('refuses a 50,001st row, whole', async () => {
    const text = ['name', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `P${i}`)].join('\n');
    await expect(parseProjectsCsv(encode(text))).rejects.toThrow(CsvError);
    await expect(parseProjectsCsv(encode(text))).rejects.toThrow('The file has 50,001 rows; an import takes at most 50,000.');
  });

  it('refuses every cell a spreadsheet would run as a formula, the OWASP list and after leading spaces', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '  =HYPERLINK("https://evil.example")']) {
      const result = projectOfRow(['name', 'description'], ['Fine', cell], 7);
      expect(result, JSON.stringify(cell)).toEqual({
        error: { row: 7, column: 'description', message: expect.stringContaining('formula') },
      });
    }
    expect(projectOfRow(['name', 'description'], ['a = b', 'x - y'], 1)).toEqual({
      project: { name: 'a = b', description: 'x - y', status: 'active' },
    });
  });

  it('says what a refused cell must be in words people read, not the validator’s', () => {
    const columns = ['name', 'description', 'status'] as const;
    expect(projectOfRow([...columns], ['n'.repeat(201), '', 'active'], 3)).toEqual({
      error: { row: 3, column: 'name', message: 'must be at most 200 characters' },
    });
    expect(projectOfRow([...columns], ['Fine', 'd'.repeat(2001), 'active'], 4)).toEqual({
      error: { row: 4, column: 'description', message: 'must be at most 2,000 characters' },
    });
    expect(projectOfRow([...columns], ['Fine', '', 'paused'], 5)).toEqual({
      error: { row: 5, column: 'status', message: 'must be “active” or “archived”' },
    });
  });
});
