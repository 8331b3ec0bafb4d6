/**
 * Command-line options for the provider scenario (`--profile`, `--latency`, `--rpm`, `--tpm`,
 * `--max-inflight`, `--error-rate`, `--seed`), shared by `npm run mock` and any other CLI
 * that starts a provider; each parser throws commander's `InvalidArgumentError` with one line.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { describeRange, type NumberRange } from '../src/core/index.ts';
import type { LatencySpec } from './engine/latency-model.ts';
import { parseLatencySpec } from './spec/latency-spec.ts';
import type { MockProviderOptions, ProfileName } from './options.ts';
import { PROFILE_NAMES } from './profiles.ts';
import { parseModelSelection } from './engine/models.ts';

/** A numeric flag's documented range, both ends included. */
export interface FlagRange extends NumberRange {
  min: number;
  max: number;
}

/**
 * The ranges of the provider flags, chosen so that everything computed from a value stays a
 * safe integer (or finite) and a run stays feasible:
 * - `--rpm` from 1: the longest wait for a request slot is then one minute; up to 10^9.
 * - `--tpm` from 1 to 10^9, like `--rpm` (a request larger than the limit gets a 429 at once).
 * - `--max-inflight` up to 10^6 requests in flight.
 * - `--error-rate` a probability.
 * - `--seed` up to 2^32 − 1: a run uses seed + iteration (at most 1,000 more), still exact.
 */
export const PROVIDER_FLAG_RANGES = {
  '--rpm': { min: 1, max: 1_000_000_000, integer: true },
  '--tpm': { min: 1, max: 1_000_000_000, integer: true },
  '--max-inflight': { min: 1, max: 1_000_000, integer: true },
  '--error-rate': { min: 0, max: 1 },
  '--seed': { min: 0, max: 2 ** 32 - 1, integer: true },
} as const satisfies Record<string, FlagRange>;

/** The longest duration a `--latency` spec may name: 10 minutes, so that a request's wait (ttft + tokens × tpot) stays well inside a timer's range. */
export const MAX_LATENCY_MS = 10 * 60_000;

const DIGITS = /^\d+$/;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Parses a numeric flag within `range`; anything else throws commander's
 * `InvalidArgumentError` with one line in the option checker's wording, e.g.
 * ``Expected `--seed` to be an integer from 0 to 4294967295, got `-1`.``
 */
export const parseNumberFlag = (flag: string, range: FlagRange) => (value: string): number => {
  const text = value.trim();
  const n = (range.integer ? DIGITS : DECIMAL).test(text) ? Number(text) : Number.NaN;
  const inside = (range.exclusiveMin ? n > range.min : n >= range.min) && (range.exclusiveMax ? n < range.max : n <= range.max);
  if (!inside) throw new InvalidArgumentError(`Expected \`${flag}\` to be ${describeRange(range)}, got \`${value}\`.`);
  return n;
};

/** Parses a whole number from `min` to `max` (`--port`). */
export const parseWhole = (flag: string, min: number, max: number) => parseNumberFlag(flag, { min, max, integer: true });

/** Every duration a latency spec names, in ms. */
function durationsOf(spec: LatencySpec): number[] {
  const { kind: _kind, ...distribution } = spec.kind === 'tokens' ? spec.ttft : spec;
  return [...Object.values(distribution), ...(spec.kind === 'tokens' ? [spec.tpot] : [])];
}

/** Checks a latency spec (`--latency`) and keeps it as text; the message is the spec parser's, or names the bound. */
export const parseLatencyOption = (value: string): string => {
  let spec: LatencySpec;
  try {
    spec = parseLatencySpec(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  if (durationsOf(spec).some((ms) => ms > MAX_LATENCY_MS)) {
    throw new InvalidArgumentError(`Expected each duration in \`--latency\` to be at most ${MAX_LATENCY_MS / 60_000}m, got \`${value}\`.`);
  }
  return value;
};

/** Checks a `--models` list (`a,b` replaces the defaults, `+a,b` adds to them, `*` accepts any id) and keeps it as text. */
export const parseModelsOption = (value: string): string => {
  try {
    parseModelSelection(value, '--models');
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return value;
};

/** Help text of a flag: what it is and its range. */
export const withRange = (text: string, range: FlagRange): string => `${text}; ${describeRange(range)}`;

/** Adds the provider scenario options to `command`. */
export function addProviderOptions(command: Command): Command {
  const R = PROVIDER_FLAG_RANGES;
  return command
    .addOption(new Option('--profile <name>', 'provider profile').choices([...PROFILE_NAMES]))
    .option('--latency <spec>', 'latency model: 800ms, 1.5s, uniform:1s..3s, normal:mean=1s,sd=200ms, lognormal:median=800ms,p99=3s, exponential:mean=1s, ttft=300ms,tpot=20ms; each duration at most 10m', parseLatencyOption)
    .option('--rpm <n>', withRange('requests-per-minute limit', R['--rpm']), parseNumberFlag('--rpm', R['--rpm']))
    .option('--tpm <n>', withRange('tokens-per-minute limit', R['--tpm']), parseNumberFlag('--tpm', R['--tpm']))
    .option('--max-inflight <n>', withRange('most requests in flight, 429 beyond it', R['--max-inflight']), parseNumberFlag('--max-inflight', R['--max-inflight']))
    .option('--error-rate <p>', withRange('probability of a 500/502/503 per request', R['--error-rate']), parseNumberFlag('--error-rate', R['--error-rate']))
    .option('--seed <n>', withRange('seed of every random draw (default 1)', R['--seed']), parseNumberFlag('--seed', R['--seed']));
}

/** Turns parsed options (commander's `opts()`) into {@link MockProviderOptions}; absent flags stay absent. */
export function providerOptionsFrom(opts: Record<string, unknown>): MockProviderOptions {
  const out: MockProviderOptions = {};
  if (opts.profile !== undefined) out.profile = opts.profile as ProfileName;
  if (opts.latency !== undefined) out.latency = opts.latency as string;
  if (opts.rpm !== undefined) out.rpm = opts.rpm as number;
  if (opts.tpm !== undefined) out.tpm = opts.tpm as number;
  if (opts.maxInflight !== undefined) out.maxInFlight = opts.maxInflight as number;
  if (opts.errorRate !== undefined) out.errorRate = opts.errorRate as number;
  if (opts.seed !== undefined) out.seed = opts.seed as number;
  if (opts.models !== undefined) out.models = opts.models as string;
  return out;
}
