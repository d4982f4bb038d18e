import type { JobDeps } from '../../../queues/jobs.ts';
import type { Tx } from '../../db/gateway.ts';
import { requireMailOutbox } from '../mail/outbound-mail.ts';
import type { NotificationKind } from '../module.ts';
import { emailIsMandatory } from './notifications.kinds.ts';
import { unsubscribeUrl } from './unsubscribe-link.ts';

export interface OutgoingNotification {
  to: { personId: string; email: string };
  workspace: { id: string; name: string };
  kindName: string;
  kind: NotificationKind;
  lines: readonly string[];
  link: string;
  digest?: 'hourly' | 'daily' | undefined;
}

/**
 * The one place notification mail leaves: written to the mail outbox in the caller's transaction
 * (docs/decisions/055-mail-through-the-outbox.md), so it commits with the notification and the
 * `mail.send` job sends it with retries. Mail the person may turn off carries the signed one-click
 * unsubscribe address (the template turns it into `List-Unsubscribe` and a footer link); it travels
 * sealed with the other parameters.
 */
export async function sendNotificationMail(deps: Pick<JobDeps, 'services' | 'config'>, tx: Tx, mail: OutgoingNotification): Promise<void> {
  const config = deps.config;
  const unsubscribe = emailIsMandatory(mail.kind)
    ? undefined
    : await unsubscribeUrl(config.APP_SECRET, config.APP_ORIGIN, {
        workspaceId: mail.workspace.id,
        personId: mail.to.personId,
        kind: mail.kindName,
      });
  const insert = await requireMailOutbox(deps.services.mail).prepare({
    template: 'notification',
    to: mail.to.email,
    params: {
      workspaceName: mail.workspace.name,
      lines: mail.lines,
      link: mail.link,
      summary: mail.kind.summary,
      digest: mail.digest,
      unsubscribe,
    },
  });
  await insert(tx);
}
