import type { TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { notificationKinds } from '../assembly.ts';
import type { NotificationKind } from '../module.ts';
import { type Channel, DEFAULT_DIGEST, type Digest, emailIsMandatory, requireKind } from './notifications.kinds.ts';
import * as repo from './notifications.repo.ts';

const toDto = (name: string, kind: NotificationKind, rows: repo.PreferenceRow[]) => {
  const of = (channel: Channel) => rows.find((r) => r.kind === name && r.channel === channel);
  const mandatory = emailIsMandatory(kind);
  const chatty = kind.chatty === true;
  return {
    kind: name,
    summary: kind.summary,
    category: kind.category,
    chatty,
    in_app: { enabled: of('in_app')?.enabled ?? true, can_disable: true },
    email: {
      enabled: mandatory || (of('email')?.enabled ?? true),
      can_disable: !mandatory,
      digest: chatty ? ((of('email')?.digest as Digest | null | undefined) ?? DEFAULT_DIGEST) : null,
    },
  };
};

/** Every declared kind with the person's choice in this workspace (the defaults where they made none). */
export async function listPreferences(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectPreferences(http));
  assertCan(scope, 'notification_preference:read');
  return { items: Object.entries(notificationKinds()).map(([name, kind]) => toDto(name, kind, result)) };
}

export interface PreferenceChange {
  channel: Channel;
  enabled: boolean;
  digest?: Digest | undefined;
}

/** The one check every change of a preference passes, from the settings page or an unsubscribe link. */
export function checkChange(kind: NotificationKind, change: PreferenceChange): void {
  if (change.channel === 'email' && !change.enabled && emailIsMandatory(kind)) {
    throw new AppError('NOTIFICATION_REQUIRED', `${kind.category === 'security' ? 'Security' : 'Billing'} email cannot be turned off`);
  }
  if (change.digest !== undefined && (change.channel !== 'email' || !kind.chatty)) {
    throw new AppError('VALIDATION_FAILED', 'Only the email of a chatty kind comes in a digest', {
      fields: { digest: ['is for the email channel of a chatty kind'] },
    });
  }
}

/** Sets one channel of one kind for the signed-in person in this workspace, and answers the kind's preference. */
export async function updatePreference(gateway: TenantGateway, name: string, change: PreferenceChange) {
  const kind = requireKind(name);
  checkChange(kind, change);
  const [, rows] = await gateway.write(
    (scope) => {
      assertCan(scope, 'notification_preference:update');
      if (!scope.userId || !scope.workspace) throw new AppError('FORBIDDEN', 'Preferences belong to a person');
      return scope.workspace.id;
    },
    (q, workspaceId, scope) =>
      [
        repo.upsertPreference(q, {
          workspaceId,
          personId: scope.userId as string,
          kind: name,
          channel: change.channel,
          enabled: change.enabled,
          digest: change.digest ?? null,
        }),
        repo.selectPreferences(q),
      ] as const,
  );
  return toDto(name, kind, rows);
}
