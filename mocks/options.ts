/**
 * The provider's options and their resolved form (types only; `resolve-options.ts` validates
 * them).
 */
import type { Clock } from '../src/core/index.ts';
import type { Distribution } from './engine/distribution.ts';
import type { FaultRates } from './engine/faults.ts';
import type { LatencySpec } from './engine/latency-model.ts';
import type { LoadModel } from './engine/load-model.ts';
import type { LogMode, RequestLogEntry } from './engine/request-log.ts';

/** Names of the built-in scenarios (the table itself is in `profiles.ts`). */
export type ProfileName = 'hosted' | 'free-tier' | 'local' | 'ci';

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
  /**
   * Model ids to serve: a comma list (`'llama3.1:8b,qwen2.5'`) or its entries as an array
   * replaces the defaults; a leading `+` (`'+llama3.1:8b'`) adds to them; `*` accepts any id.
   * @default the common OpenAI ids (`DEFAULT_MODELS`)
   */
  models?: string | readonly string[];
  /** Multiplies every drawn latency (e.g. 0.01 to run a scenario 100× faster). Minimum: > 0. @default 1 */
  timeScale?: number;
  /** What `provider.log` keeps: the `logLimit` most recent entries (`ring`) or every entry (`full`, memory grows per request). @default 'ring' */
  log?: LogMode;
  /** Entries the ring keeps (only with `log: 'ring'`). Minimum: 1. @default 10000 */
  logLimit?: number;
  /**
   * Called with every log entry as it is logged, whatever `log` keeps (for streaming consumers,
   * e.g. a JSON-lines file). Runs synchronously; what it throws is rethrown outside the provider.
   */
  onRequestLogged?: (entry: RequestLogEntry) => void;
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
  /** The model ids served and listed (the defaults, replaced or extended by `models`). */
  models: readonly string[];
  /** True when `models` has `*`: any id is served, listed or not. */
  anyModel: boolean;
  timeScale: number;
  log: LogMode;
  /** Entries the ring keeps (ignored with `log: 'full'`). */
  logLimit: number;
}
