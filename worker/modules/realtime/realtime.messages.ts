import type { PublishedEvent } from '../../kernel/bus.ts';
import { toPublicId } from '../../kernel/ids.ts';
import type { ChangeMessage } from '../../kernel/realtime.ts';
import { moduleIdKinds } from '../assembly.ts';

let publicIds: Map<string, (uuid: string) => string> | undefined;

/** `project` → `prj_…`: every id kind the registered modules declare, and the platform's person. */
function idFormatters(): Map<string, (uuid: string) => string> {
  publicIds ??= new Map([
    ['user', (uuid: string) => toPublicId('user', uuid)],
    ...moduleIdKinds().map((k) => [k.kind, k.toPublic] as const),
  ]);
  return publicIds;
}

const publicIdPattern = /^[a-z]+_[0-9a-z]+$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a hub broadcasts for a published event: its type, the public ids its payload names
 * (`project_id: 'prj_…'`, or a `projectId` uuid, of a declared kind `project`) and its version. Every other payload field stays behind,
 * whatever it holds: a message tells a client what to refetch, never what the rows say.
 */
export function changeMessageOf(event: PublishedEvent): ChangeMessage {
  const ids: Record<string, string> = {};
  const formatters = idFormatters();
  for (const [field, value] of Object.entries(event.payload)) {
    if (typeof value !== 'string') continue;
    if (field.endsWith('_id') && publicIdPattern.test(value)) {
      const kind = field.slice(0, -3);
      if (formatters.has(kind)) ids[kind] = value;
    } else if (field.endsWith('Id') && uuidPattern.test(value)) {
      const kind = field.slice(0, -2);
      const format = formatters.get(kind);
      if (format) ids[kind] = format(value);
    }
  }
  return { kind: event.type, ids, version: event.version };
}
