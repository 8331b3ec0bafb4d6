import { SpecReason } from './spec-error.ts';

const DURATION = /^(\d+(?:\.\d*)?|\.\d+)(ms|s|m|us|µs)?$/;
const UNIT_MS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000 };

/**
 * Parses a duration such as `800ms`, `1.5s`, `2m` or `250us` into milliseconds. A unit
 * is required except for `0`, so `800` cannot silently mean 800 s or 800 ms.
 * @throws {SpecReason} with a short reason when the text is not a duration.
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (match === null) throw new SpecReason(`"${text}" is not a duration`);
  const value = Number(match[1]);
  const unit = match[2];
  if (unit === undefined) {
    if (value === 0) return 0;
    throw new SpecReason(`missing unit in "${text}" (write ${text}ms or ${text}s)`);
  }
  return value * UNIT_MS[unit]!;
}

/**
 * Formats milliseconds the way specs are written: whole tenths of a second as seconds
 * (`1.5s`, `60s`), everything else as milliseconds (`800ms`, `1234ms`). Round-trips through
 * {@link parseDuration}.
 */
export function formatDuration(ms: number): string {
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000}s`;
  return `${Number(ms.toFixed(3))}ms`;
}
