import type { JobDeps } from '../../../queues/jobs.ts';
import { parseRecipient, requireMailer } from '../../kernel/mailer.ts';
import { notificationEmail as notificationMail } from '../mail/templates/notification.tsx';
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
 * The one place notification mail leaves: through the mailer modules use today. Mail the person may
 * turn off carries `List-Unsubscribe` (the signed one-click address) with `List-Unsubscribe-Post`
 * (RFC 8058) and the same link in its footer; security and billing mail carries neither.
 */
export async function sendNotificationMail(deps: Pick<JobDeps, 'services' | 'config'>, mail: OutgoingNotification): Promise<void> {
  const config = deps.config;
  if (!config) throw new Error('notification mail needs the configuration');
  const mailer = requireMailer(deps.services?.mailer);
  const unsubscribe = emailIsMandatory(mail.kind)
    ? undefined
    : await unsubscribeUrl(config.APP_SECRET, config.APP_ORIGIN, {
        workspaceId: mail.workspace.id,
        personId: mail.to.personId,
        kind: mail.kindName,
      });
  const rendered = await notificationMail({
    workspaceName: mail.workspace.name,
    lines: mail.lines,
    link: mail.link,
    summary: mail.kind.summary,
    digest: mail.digest,
    unsubscribe,
    appOrigin: config.APP_ORIGIN,
  });
  await mailer.send({
    to: parseRecipient(mail.to.email),
    ...rendered,
    ...(unsubscribe ? { headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
  });
}
