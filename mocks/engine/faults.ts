/** Injected faults (5xx, hang, malformed body): their rates and the per-request draw. */
import { checkKnownKeys, checkNumberOption, checkObjectOption } from '../../src/core/index.ts';

/** Probabilities (0–1, summing to at most 1) of each injected fault, per request served. */
export interface FaultRates {
  /** Answer 500 `server_error` at once. @default 0 */
  error500: number;
  /** Answer 502 (bad gateway) at once. @default 0 */
  error502: number;
  /** Answer 503 (overloaded) at once. @default 0 */
  error503: number;
  /** Never answer until the client aborts the request. @default 0 */
  hang: number;
  /** Answer 200 after the usual latency with a truncated, unparseable JSON body. @default 0 */
  malformed: number;
}

/** A fault that struck a request. */
export type Fault = keyof FaultRates;

/** Every fault, in the order a draw is mapped onto them. */
export const FAULTS: readonly Fault[] = ['error500', 'error502', 'error503', 'hang', 'malformed'];

/** No faults. */
export const NO_FAULTS: Readonly<FaultRates> = Object.freeze({ error500: 0, error502: 0, error503: 0, hang: 0, malformed: 0 });

/**
 * Combines fault options: `base` (a profile's), then `errorRate` spread evenly over
 * 500/502/503, then explicit `faults`, each overriding the one before.
 * @throws {TypeError} naming the option when a rate is outside 0–1 or the rates sum above 1.
 */
export function resolveFaultRates(base: Partial<FaultRates> | undefined, errorRate: unknown, faults: unknown): FaultRates {
  const out: FaultRates = { ...NO_FAULTS, ...base };
  if (errorRate !== undefined) {
    const rate = checkNumberOption('errorRate', errorRate, { min: 0, max: 1 });
    out.error500 = out.error502 = out.error503 = rate / 3;
  }
  if (faults !== undefined) {
    const given = checkObjectOption('faults', faults);
    checkKnownKeys('faults', given, FAULTS);
    for (const key of FAULTS) {
      if (given[key] !== undefined) out[key] = checkNumberOption(`faults.${key}`, given[key], { min: 0, max: 1 });
    }
  }
  const total = FAULTS.reduce((sum, key) => sum + out[key], 0);
  if (total > 1 + 1e-12) {
    throw new TypeError(`Expected the fault rates (\`faults\` and \`errorRate\`) to sum to at most 1, got ${total}`);
  }
  return out;
}

/** True when any fault has a rate above 0. */
export function hasFaults(rates: FaultRates): boolean {
  return FAULTS.some((key) => rates[key] > 0);
}

/** Maps a uniform draw `u` in [0, 1) onto a fault (or `null` for a normal answer). */
export function pickFault(rates: FaultRates, u: number): Fault | null {
  let edge = 0;
  for (const key of FAULTS) {
    edge += rates[key];
    if (u < edge) return key;
  }
  return null;
}
