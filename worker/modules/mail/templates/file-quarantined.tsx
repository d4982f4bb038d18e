import { ActionLink, EmailLayout, Note, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/** Tells the uploader that a file they uploaded was found to be malicious and will never be served. */
export function fileQuarantinedEmail({
  fileName,
  workspaceName,
  workspaceSlug,
  appOrigin,
}: {
  fileName: string;
  workspaceName: string;
  workspaceSlug: string;
  appOrigin: string;
}): Promise<Rendered> {
  const subject = `A file you uploaded to ${productName} was quarantined`;
  return renderEmail(
    <EmailLayout title={subject} preheader="The malware scan matched it; nobody can download it." appOrigin={appOrigin}>
      <Paragraph>
        The file “{fileName}” you uploaded to {workspaceName} matched a malware signature when it was scanned. It has been quarantined:
        nobody can download it, and its contents have been deleted.
      </Paragraph>
      <Paragraph>If you expected the file to be safe, scan the original on your device before you upload it again.</Paragraph>
      <ActionLink label="Open the workspace" href={safeLink(`/w/${encodeURIComponent(workspaceSlug)}`, appOrigin)} />
      <Note>You receive this because you uploaded the file.</Note>
    </EmailLayout>,
    { subject, tag: 'file-quarantined' },
  );
}
