/** Turns the provider's options into a validated configuration, merging in the chosen profile. */
import { realClock, type Clock } from '../src/core/index.ts';
import { resolveFaultRates } from './engine/faults.ts';
import type { LoadModel } from './engine/load-model.ts';
import { DEFAULT_MODELS, parseModelSelection, type ModelSelection } from './engine/models.ts';
import type { MockProviderOptions, ResolvedProviderConfig } from './options.ts';
import { profiles, PROFILE_NAMES } from './profiles.ts';
import { resolveLatencySpec } from './spec/latency-spec.ts';
import { resolveOutputLength } from './spec/output-length-spec.ts';
import { checkEnumOption, checkFunctionOption, checkKnownKeys, checkNumberOption, checkNumberOrNullOption, checkObjectOption, describeValue } from '../src/core/index.ts';
import { DEFAULT_LOG_LIMIT, type LogMode } from './engine/request-log.ts';

const OPTION_KEYS = [
  'profile', 'latency', 'outputTokens', 'rpm', 'tpm', 'burstRequests', 'burstTokens', 'maxInFlight', 'inFlightMode',
  'load', 'faults', 'errorRate', 'seed', 'apiKey', 'clock', 'models', 'timeScale', 'log', 'logLimit', 'onRequestLogged',
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

function resolveModels(value: unknown): ModelSelection {
  if (value === undefined) return { ids: DEFAULT_MODELS, any: false };
  if (typeof value !== 'string' && !(Array.isArray(value) && value.every((m) => typeof m === 'string'))) {
    throw new TypeError(`Expected \`models\` to be a comma-separated string or an array of model ids, got ${describeValue(value)}`);
  }
  return parseModelSelection(value as string | string[]);
}

/** The log mode and ring size; `logLimit` only goes with a ring. */
function resolveLog(mode: unknown, limit: unknown): { log: LogMode; logLimit: number } {
  const log = checkEnumOption('log', mode ?? 'ring', ['ring', 'full']);
  if (log === 'full' && limit !== undefined) throw new TypeError(`Expected \`logLimit\` to be set only with \`log: 'ring'\`, got \`log: 'full'\` and \`logLimit\` ${describeValue(limit)}`);
  return { log, logLimit: checkNumberOption('logLimit', limit ?? DEFAULT_LOG_LIMIT, { min: 1, integer: true }) };
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
  checkFunctionOption('onRequestLogged', options.onRequestLogged);
  const apiKey = pick('apiKey') ?? null;
  if (apiKey !== null && (typeof apiKey !== 'string' || apiKey.length === 0)) {
    throw new TypeError(`Expected \`apiKey\` to be a non-empty string or null, got ${describeValue(apiKey)}`);
  }
  const models = resolveModels(pick('models'));
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
    models: models.ids,
    anyModel: models.any,
    timeScale: checkNumberOption('timeScale', pick('timeScale') ?? DEFAULTS.timeScale, { min: 0, exclusiveMin: true }),
    ...resolveLog(options.log, options.logLimit),
  };
}
