import { EmailLayout, Note, oneLine, Paragraph, productName } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

export interface EndpointNotice {
  /** `failing`: an event could not be delivered after every retry; `disabled`: deliveries stopped. */
  notice: 'failing' | 'disabled';
  url: string;
  workspaceName: string;
  /** Why it was disabled (`disabled` only). */
  reason?: string | null;
  appOrigin: string;
}

/** Tells a workspace's owners that one of its webhook endpoints is failing, or was disabled. */
export function webhookEndpointEmail({ notice, url, workspaceName, reason, appOrigin }: EndpointNotice): Promise<Rendered> {
  const workspace = oneLine(workspaceName);
  const subject =
    notice === 'failing' ? `A webhook endpoint of ${workspace} is failing` : `A webhook endpoint of ${workspace} was disabled`;
  return renderEmail(
    <EmailLayout title={subject} preheader={url} appOrigin={appOrigin}>
      {notice === 'failing' ? (
        <Paragraph>
          {productName} could not deliver an event to {url}, even after retrying for about 15 hours. Later events are still sent to it; if
          it keeps failing for 3 days, it is disabled.
        </Paragraph>
      ) : (
        <Paragraph>
          {productName} stopped sending events to {url}
          {reason ? ` (${reason})` : ''}. Events published from now on are not delivered to it.
        </Paragraph>
      )}
      <Paragraph>
        The delivery log of the endpoint shows what it answered. Once it works again,{' '}
        {notice === 'failing' ? 'replay the failed deliveries' : 'enable it and replay what it missed'}.
      </Paragraph>
      <Note>You receive this mail because you own the workspace {workspace}.</Note>
    </EmailLayout>,
    { subject, tag: notice === 'failing' ? 'webhook-failing' : 'webhook-disabled' },
  );
}
