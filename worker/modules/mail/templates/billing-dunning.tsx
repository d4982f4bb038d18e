import { ActionLink, EmailLayout, Note, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

export type DunningMail = 'payment_failed' | 'downgraded' | 'suspended' | 'deletion_scheduled' | 'recovered';

const words: Record<DunningMail, { subject: (workspace: string) => string; preheader: string; body: string }> = {
  payment_failed: {
    subject: (w) => `Payment failed for ${w} on ${productName}`,
    preheader: 'Update your payment method to keep your plan.',
    body: 'We could not collect the latest payment for this workspace. We will try again over the next days; update the payment method now to keep your plan.',
  },
  downgraded: {
    subject: (w) => `${w} is now on the Free plan`,
    preheader: 'The third payment attempt failed.',
    body: 'The third attempt to collect the payment failed, so the workspace has moved to the Free plan. Nothing was deleted: pay the open invoice and your plan comes back.',
  },
  suspended: {
    subject: (w) => `${w} is read-only: 30 days unpaid`,
    preheader: 'Changes are refused until the invoice is paid.',
    body: 'The invoice has been unpaid for 30 days, so the workspace is read-only: everyone can still read, changes are refused. Pay the open invoice to lift it.',
  },
  deletion_scheduled: {
    subject: (w) => `${w} is scheduled for deletion: 60 days unpaid`,
    preheader: 'Pay the invoice to keep the workspace.',
    body: 'The invoice has been unpaid for 60 days, so the workspace is scheduled for deletion and will be removed for good after the grace period. Pay the open invoice to restore it.',
  },
  recovered: {
    subject: (w) => `Payment received for ${w}`,
    preheader: 'Your plan and workspace are back.',
    body: 'Thank you: the payment came through. Everything the unpaid invoice changed has been undone.',
  },
};

/** The mails of dunning (docs/decisions/058-dunning.md), to each owner of the workspace. */
export function dunningEmail({
  step,
  workspaceName,
  workspaceSlug,
  appOrigin,
}: {
  step: DunningMail;
  workspaceName: string;
  workspaceSlug: string;
  appOrigin: string;
}): Promise<Rendered> {
  const text = words[step];
  const subject = text.subject(workspaceName);
  return renderEmail(
    <EmailLayout title={subject} preheader={text.preheader} appOrigin={appOrigin}>
      <Paragraph>{text.body}</Paragraph>
      <ActionLink label="Open billing" href={safeLink(`/w/${encodeURIComponent(workspaceSlug)}/settings/billing`, appOrigin)} />
      <Note>You receive this because you own the workspace.</Note>
    </EmailLayout>,
    { subject, tag: `billing-${step.replaceAll('_', '-')}` },
  );
}
