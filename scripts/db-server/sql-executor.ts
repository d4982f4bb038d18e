/** What the SQL-over-HTTP endpoint runs statements with: a PostgreSQL server through `pg`, or PGlite directly. */

export interface Statement {
  query: string;
  params: unknown[];
}

export interface NeonField {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: string;
}

/** A column's description as Neon sends it, from `pg`'s or `pg-protocol`'s field (they share the names). */
export function neonField(field: NeonField): NeonField {
  return {
    name: field.name,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeID: field.dataTypeID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: field.format,
  };
}

/** One statement's answer as Neon sends it: every value in Postgres text output, rows as arrays. */
export interface NeonResult {
  command: string;
  rowCount: number | null;
  rows: unknown[][];
  fields: NeonField[];
  rowAsArray: true;
}

export interface SqlExecutor {
  /** One statement on its own (autocommit). `connectionString` carries the request's user, password and database. */
  runOne(connectionString: string, statement: Statement): Promise<NeonResult>;
  /** Statements in one transaction opened by `begin` (`BEGIN …` with the batch's options). */
  runBatch(connectionString: string, statements: Statement[], begin: string): Promise<NeonResult[]>;
  close(): Promise<void>;
}

/** A request the endpoint refuses as a client error (400), before or instead of running anything. */
export class BadRequest extends Error {}
