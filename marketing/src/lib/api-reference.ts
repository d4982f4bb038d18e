/**
 * The API reference, read at build time from docs/openapi.json (the document the app serves,
 * written by scripts/openapi-doc.ts and checked against the code by its test): operations grouped
 * by tag, with their parameters, request fields and responses.
 */
import document from '../../../docs/openapi.json';

interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
}

interface RawOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: Schema; $ref?: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
  security?: Array<Record<string, unknown>>;
}

export interface Field {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: Array<Field & { in: string }>;
  body: Field[];
  responses: Array<{ status: string; description: string }>;
  authenticated: boolean;
}

export interface Tag {
  name: string;
  slug: string;
  operations: Operation[];
}

const doc = document as unknown as {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas?: Record<string, Schema>; parameters?: Record<string, RawOperation['parameters'] & object> };
};

const methods = ['get', 'post', 'put', 'patch', 'delete'];

export const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function resolve<T>(value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  const [, , section, name] = value.$ref.split('/');
  const found = (doc.components as Record<string, Record<string, unknown>>)[section ?? '']?.[name ?? ''];
  return (found as T) ?? value;
}

/** A short, readable type: `string (uuid)`, `"a" | "b"`, `array of Project`, `Project`. */
export function typeOf(schema: Schema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) return schema.$ref.split('/').pop() ?? 'object';
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeOf).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
  if (type === 'array') return `array of ${typeOf(schema.items)}`;
  return schema.format ? `${type} (${schema.format})` : type;
}

function bodyFields(operation: RawOperation): Field[] {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return [];
  const object = resolve(schema);
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    type: typeOf(property),
    required: object.required?.includes(name) ?? false,
    description: resolve(property).description ?? '',
  }));
}

function operationOf(path: string, method: string, raw: RawOperation): Operation {
  return {
    id: raw.operationId ?? slugOf(`${method} ${path}`),
    method: method.toUpperCase(),
    path,
    summary: raw.summary ?? '',
    description: raw.description ?? '',
    parameters: (raw.parameters ?? []).map((parameter) => {
      const p = resolve(parameter);
      return { name: p.name, in: p.in, type: typeOf(p.schema), required: p.required ?? false, description: p.description ?? '' };
    }),
    body: bodyFields(raw),
    responses: Object.entries(raw.responses ?? {}).map(([status, response]) => ({ status, description: response.description ?? '' })),
    authenticated: (raw.security ?? []).length > 0,
  };
}

/** Every operation of the document, grouped by its first tag, in the document's order. */
export function tags(): Tag[] {
  const byTag = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const raw = item[method];
      if (!raw) continue;
      const tag = raw.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationOf(path, method, raw)]);
    }
  }
  return [...byTag].map(([name, operations]) => ({ name, slug: slugOf(name), operations }));
}

export const apiInfo = doc.info;
