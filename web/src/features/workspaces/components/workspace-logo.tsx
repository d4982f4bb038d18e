/** The workspace's mark: its initial until logos can be uploaded. */
export function WorkspaceLogo({ name }: { name: string }) {
  return (
    <span
      className="inline-flex size-7 shrink-0 items-center justify-center rounded-md bg-primary text-sm font-bold text-primary-fg"
      aria-hidden="true"
    >
      {(name.trim()[0] ?? '?').toUpperCase()}
    </span>
  );
}
