/** The workspace's mark: its initial until logos can be uploaded. */
export function WorkspaceLogo({ name }: { name: string }) {
  return (
    <span className="logo workspace-logo" aria-hidden="true">
      {(name.trim()[0] ?? '?').toUpperCase()}
    </span>
  );
}
