/** Validation of the pool's concurrency option (`maxConcurrency`, `n`). */
import { checkNumberOption } from '../../core/option-checks.ts';

/**
 * Validates a concurrency option: a whole number from 1 up, or `null`/`undefined`/`Infinity`
 * for unlimited. Returns the limit as a number (`Infinity` when unlimited).
 */
export function resolveConcurrency(name: string, value: number | null | undefined): number {
  if (value === null || value === undefined) return Number.POSITIVE_INFINITY;
  return checkNumberOption(name, value, { min: 1, integer: true, allowInfinity: true });
}
