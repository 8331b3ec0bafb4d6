/**
 * Go's `time.Duration.String()` format, which OpenAI uses in `x-ratelimit-reset-*` headers
 * and in 429 messages: `120ms`, `1s`, `1.5s`, `6m0s`, `1h0m0s`, `0s`.
 */

/** Integer `value / 10^digits` as a decimal string without trailing zeros (exact, no float noise). */
function fixed(value: number, digits: number): string {
  const scale = 10 ** digits;
  const whole = Math.floor(value / scale);
  const fraction = value % scale;
  if (fraction === 0) return String(whole);
  return `${whole}.${String(fraction).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Formats `ms` (rounded to whole microseconds) as a Go duration string. */
export function formatGoDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  const us = Math.round(ms * 1000);
  if (us === 0) return '0s';
  if (us < 1000) return `${us}µs`;
  if (us < 1_000_000) return `${fixed(us, 3)}ms`;
  const hours = Math.floor(us / 3_600_000_000);
  const minutes = Math.floor((us % 3_600_000_000) / 60_000_000);
  const seconds = `${fixed(us % 60_000_000, 6)}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}
