import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX, projectInput } from './projects.input.ts';
import { formatCount } from '../../kernel/format.ts';

/**
 * Reading a CSV of projects (docs/decisions/056-jobs-people-can-watch.md). The whole file is checked
 * before anything is imported: UTF-8 (a byte-order mark is dropped), comma-separated, a header
 * naming known columns, quotes closed, at most `MAX_IMPORT_ROWS` rows. A file that fails any of
 * these is refused whole. Then each row is checked on its own; a bad row is reported and skipped.
 */
export const MAX_IMPORT_ROWS = 50_000;
export const importColumns = ['name', 'description', 'status'] as const;
type Column = (typeof importColumns)[number];

/**
 * Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection"). A
 * project named `=HYPERLINK(…)` would run in whoever opens an export of it, so such a row is refused
 * and reported rather than stored, escaped or not.
 */
const formulaStart = /^[=+\-@\t\r]/;

export interface ParsedCsv {
  columns: Column[];
  /** The data rows, header excluded, empty lines skipped. */
  rows: string[][];
}

export class CsvError extends Error {}

/** The parser loads on the first import (`csv-parser.ts`), so no isolate evaluates it at start-up. */
export async function parseProjectsCsv(bytes: Uint8Array): Promise<ParsedCsv> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CsvError('The file is not valid UTF-8 text. Save it as “CSV UTF-8” and upload it again.');
  }
  if (text.includes('\0')) throw new CsvError('The file contains NUL characters: it is not a text CSV file.');
  const { Papa } = await import('./csv-parser.ts');
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: 'greedy' });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError) {
    throw new CsvError(`The file is not valid CSV: a quoted field is not closed (row ${formatCount((quoteError.row ?? 0) + 1)}).`);
  }
  const [header, ...rows] = parsed.data;
  if (!header) throw new CsvError('The file is empty: it needs a header row naming its columns (name, description, status).');
  const columns = header.map((cell) => cell.trim().toLowerCase());
  const unknown = columns.filter((column) => !(importColumns as readonly string[]).includes(column));
  if (unknown.length > 0) {
    throw new CsvError(`Unknown column “${unknown[0]}”: the columns are ${importColumns.join(', ')} (name is required).`);
  }
  const repeated = columns.find((column, i) => columns.indexOf(column) !== i);
  if (repeated) throw new CsvError(`The column “${repeated}” appears twice.`);
  if (!columns.includes('name')) throw new CsvError('The header has no “name” column: every project needs a name.');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new CsvError(
      `The file has ${formatCount(rows.length)} rows; an import takes at most ${formatCount(MAX_IMPORT_ROWS)}. Split it into smaller files.`,
    );
  }
  return { columns: columns as Column[], rows };
}

export interface RowError {
  /** The row's number among the data rows: 1 is the first row after the header. */
  row: number;
  column: Column | null;
  message: string;
}

export type ImportedProject = { name: string; description: string | null; status: 'active' | 'archived' };

/** What a refused cell must be, in the words of the error report (the validator's own words are for developers). */
const cellRules: Record<Column, string> = {
  name: `must be at most ${formatCount(PROJECT_NAME_MAX)} characters`,
  description: `must be at most ${formatCount(PROJECT_DESCRIPTION_MAX)} characters`,
  status: 'must be “active” or “archived”',
};

/** One data row, checked like a project created through the API, and refused when a cell could run as a formula. */
export function projectOfRow(columns: Column[], cells: string[], row: number): { project: ImportedProject } | { error: RowError } {
  if (cells.length !== columns.length) {
    return { error: { row, column: null, message: `expected ${columns.length} cells, found ${cells.length}` } };
  }
  const values: Partial<Record<Column, string>> = {};
  for (const [i, column] of columns.entries()) {
    const cell = cells[i] ?? '';
    if (formulaStart.test(cell) || formulaStart.test(cell.trimStart())) {
      return { error: { row, column, message: 'starts with =, +, -, @, a tab or a carriage return, which spreadsheets run as a formula' } };
    }
    values[column] = cell;
  }
  if (!values.name?.trim()) return { error: { row, column: 'name', message: 'must not be empty' } };
  const checked = projectInput.safeParse({
    name: values.name ?? '',
    description: values.description ? values.description : null,
    ...(values.status ? { status: values.status.trim().toLowerCase() } : {}),
  });
  if (!checked.success) {
    const column = (checked.error.issues[0]?.path[0] as Column | undefined) ?? null;
    return { error: { row, column, message: column ? cellRules[column] : 'is not valid' } };
  }
  return { project: { name: checked.data.name, description: checked.data.description ?? null, status: checked.data.status ?? 'active' } };
}
