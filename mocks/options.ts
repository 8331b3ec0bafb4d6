import { checkEnumOption, checkKnownKeys, checkNumberOption, checkNumberOrNullOption, checkObjectOption, type Clock, describeValue, realClock } from '../src/core/index.ts';
import type { Distribution } from './distribution.ts';
import { resolveFaultRates, type FaultRates } from './faults.ts';
import { resolveLatencySpec, type LatencySpec } from './latency-spec.ts';
import type { LoadModel } from './load-model.ts';
import { DEFAULT_MODELS } from './models.ts';
import { resolveOutputLength } from './output-length.ts';
import { profiles, PROFILE_NAMES, type ProfileName } from './profiles.ts';

/** What the provider does when `maxInFlight` requests are already in flight. */
export type InFlightMode = 'reject' | 'queue';

/**
 * Options of {@link createMockProvider}; all optional. `profile` is the base and explicit
 * options override it; `null` turns a limit off even if the profile sets it.
 */
export interface MockProviderOptions {
  /** A named scenario to start from (see `profiles`). @default none: no latency, no limits */
  profile?: ProfileName;
  /** Latency: a spec string (`uniform:1s..3s`, `ttft=300ms,tpot=20ms`, …), milliseconds, or a spec object. @default 0 */
  latency?: LatencySpec | string | number;
  /** Output length in tokens: a count, a spec string (`uniform:50..250`) or a distribution. @default `uniform:50..250` */
  outputTokens?: Distribution | string | number;
  /** Requests per minute (a continuously refilled bucket). Minimum: > 0. @default null (no limit) */
  rpm?: number | null;
  /** Tokens per minute: prompt estimate + `max_tokens` reserved per request. Minimum: > 0. @default null */
  tpm?: number | null;
  /** Request bucket size (burst). Needs `rpm`. @default rpm */
  burstRequests?: number | null;
  /** Token bucket size (burst). Needs `tpm`. @default tpm */
  burstTokens?: number | null;
  /** Most requests in flight at once. Minimum: 1. @default null (no limit) */
  maxInFlight?: number | null;
  /** Beyond `maxInFlight`: answer 429 (`reject`) or wait in a FIFO queue (`queue`). @default 'reject' */
  inFlightMode?: InFlightMode;
  /** Server load model (capacity and slowdown factor). @default null (no slowdown) */
  load?: LoadModel | null;
  /** Fault probabilities per request served. @default none */
  faults?: Partial<FaultRates>;
  /** Shorthand: this probability spread evenly over 500/502/503 (`faults` entries override it). */
  errorRate?: number;
  /** Seed of every random draw. @default 1 */
  seed?: number;
  /** When set, requests must send `Authorization: Bearer <apiKey>`. @default null */
  apiKey?: string | null;
  /** Source of time for every wait. @default realClock */
  clock?: Clock;
  /** Extra model ids to serve besides the common OpenAI ones. @default [] */
  models?: string[];
  /** Multiplies every drawn latency (e.g. 0.01 to run a scenario 100× faster). Minimum: > 0. @default 1 */
  timeScale?: number;
}

/** Every option resolved and validated (the clock is kept on the provider, not here). */
export interface ResolvedProviderConfig {
  profile: ProfileName | null;
  latency: LatencySpec;
  outputTokens: Distribution;
  rpm: number | null;
  tpm: number | null;
  burstRequests: number | null;
  burstTokens: number | null;
  maxInFlight: number | null;
  inFlightMode: InFlightMode;
  load: LoadModel | null;
  faults: FaultRates;
  seed: number;
  apiKey: string | null;
  /** Every model id served (defaults plus `models`). */
  models: readonly string[];
  timeScale: number;
}

const OPTION_KEYS = [
  'profile', 'latency', 'outputTokens', 'rpm', 'tpm', 'burstRequests', 'burstTokens', 'maxInFlight', 'inFlightMode',
  'load', 'faults', 'errorRate', 'seed', 'apiKey', 'clock', 'models', 'timeScale',
] as const;

const DEFAULTS = { latency: 0, outputTokens: 'uniform:50..250', inFlightMode: 'reject', seed: 1, timeScale: 1 } as const;

const positiveOrNull = (name: string, value: unknown): number | null => checkNumberOrNullOption(name, value ?? null, { min: 0, exclusiveMin: true });

function resolveLoad(value: unknown): LoadModel | null {
  if (value === undefined || value === null) return null;
  const load = checkObjectOption('load', value);
  checkKnownKeys('load', load, ['capacity', 'factor']);
  return {
    capacity: checkNumberOption('load.capacity', load.capacity, { min: 1, integer: true }),
    factor: checkNumberOption('load.factor', load.factor, { min: 1 }),
  };
}

function resolveModels(value: unknown): readonly string[] {
  if (value === undefined) return DEFAULT_MODELS;
  if (!Array.isArray(value) || !value.every((m) => typeof m === 'string' && m.length > 0)) {
    throw new TypeError(`Expected \`models\` to be an array of non-empty strings, got ${describeValue(value)}`);
  }
  return [...new Set([...DEFAULT_MODELS, ...(value as string[])])];
}

/** Returns the clock option if it looks like a {@link Clock}. */
export function resolveClock(value: unknown): Clock {
  if (value === undefined) return realClock;
  const clock = value as Partial<Clock> | null;
  if (typeof clock?.now !== 'function' || typeof clock.sleep !== 'function') {
    throw new TypeError(`Expected \`clock\` to be a Clock with now() and sleep(ms, signal), got ${describeValue(value)}`);
  }
  return value as Clock;
}

/**
 * Merges the profile with explicit options and validates everything.
 * @throws {TypeError} naming the option, its allowed range and the value received.
 */
export function resolveProviderOptions(options: MockProviderOptions = {}): ResolvedProviderConfig {
  checkObjectOption('options', options);
  checkKnownKeys('options', options, OPTION_KEYS);
  const profile = options.profile === undefined ? null : checkEnumOption('profile', options.profile, PROFILE_NAMES);
  const base: MockProviderOptions = profile === null ? {} : profiles[profile];
  const pick = <K extends keyof MockProviderOptions>(key: K): MockProviderOptions[K] => (options[key] !== undefined ? options[key] : base[key]);
  const rpm = positiveOrNull('rpm', pick('rpm'));
  const tpm = positiveOrNull('tpm', pick('tpm'));
  const burstRequests = positiveOrNull('burstRequests', pick('burstRequests'));
  const burstTokens = positiveOrNull('burstTokens', pick('burstTokens'));
  if (burstRequests !== null && rpm === null) throw new TypeError('Expected `burstRequests` to be set only together with `rpm`, got `rpm` null');
  if (burstTokens !== null && tpm === null) throw new TypeError('Expected `burstTokens` to be set only together with `tpm`, got `tpm` null');
  const apiKey = pick('apiKey') ?? null;
  if (apiKey !== null && (typeof apiKey !== 'string' || apiKey.length === 0)) {
    throw new TypeError(`Expected \`apiKey\` to be a non-empty string or null, got ${describeValue(apiKey)}`);
  }
  return {
    profile,
    latency: resolveLatencySpec(pick('latency') ?? DEFAULTS.latency),
    outputTokens: resolveOutputLength(pick('outputTokens') ?? DEFAULTS.outputTokens),
    rpm,
    tpm,
    burstRequests,
    burstTokens,
    maxInFlight: checkNumberOrNullOption('maxInFlight', pick('maxInFlight') ?? null, { min: 1, integer: true }),
    inFlightMode: checkEnumOption('inFlightMode', pick('inFlightMode') ?? DEFAULTS.inFlightMode, ['reject', 'queue']),
    load: resolveLoad(pick('load')),
    faults: resolveFaultRates(
      resolveFaultRates(undefined, base.errorRate, base.faults),
      options.errorRate,
      options.faults,
    ),
    seed: checkNumberOption('seed', pick('seed') ?? DEFAULTS.seed, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true }),
    apiKey,
    models: resolveModels(pick('models')),
    timeScale: checkNumberOption('timeScale', pick('timeScale') ?? DEFAULTS.timeScale, { min: 0, exclusiveMin: true }),
  };
}
