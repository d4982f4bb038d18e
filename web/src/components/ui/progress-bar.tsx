/** A determinate progress bar: `value` of `max`, named for assistive technology by `label`. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const share = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      className="h-2 w-full overflow-hidden rounded-full bg-subtle"
    >
      <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${Math.round(share * 100)}%` }} />
    </div>
  );
}
