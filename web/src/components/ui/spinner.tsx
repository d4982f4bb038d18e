export function Spinner({ size = 'md', label }: { size?: 'sm' | 'md'; label?: string }) {
  if (label) {
    return (
      <span className="spinner-wrap" role="status">
        <span className={`spinner spinner--${size}`} aria-hidden="true" />
        <span>{label}</span>
      </span>
    );
  }
  return <span className={`spinner spinner--${size}`} aria-hidden="true" />;
}

export function PageSpinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="page-spinner">
      <Spinner label={label} />
    </div>
  );
}
