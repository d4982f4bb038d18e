/**
 * A whole number with thousands separators, as en-US writes it (50,000). Not `toLocaleString`: the
 * first Intl call in an isolate loads the runtime's locale data, about 10 ms of CPU, and a message
 * built at module level would put that on every cold start.
 */
export function formatCount(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 && digits !== '0' ? `-${grouped}` : grouped;
}
