/**
 * A short printable summary of a resolved provider configuration (what `provider.describe()`
 * returns).
 */
import { FAULTS } from './engine/faults.ts';
import { formatLatencySpec } from './spec/latency-spec.ts';
import type { ResolvedProviderConfig } from './options.ts';
import { formatOutputLengthSpec } from './spec/output-length-spec.ts';

/**
 * A short, printable summary of a scenario, e.g. `{ profile: 'hosted', latency:
 * 'uniform:1s..3s', rpm: 500, tpm: 200000, maxInFlight: null, load: null, seed: 1 }`.
 */
export function describeConfig(config: ResolvedProviderConfig): Record<string, string | number | null> {
  const faults = FAULTS.filter((f) => config.faults[f] > 0).map((f) => `${f}=${Number(config.faults[f].toFixed(6))}`);
  return {
    profile: config.profile,
    latency: formatLatencySpec(config.latency),
    outputTokens: formatOutputLengthSpec(config.outputTokens),
    rpm: config.rpm,
    tpm: config.tpm,
    burstRequests: config.burstRequests,
    burstTokens: config.burstTokens,
    maxInFlight: config.maxInFlight === null ? null : `${config.maxInFlight} (${config.inFlightMode})`,
    load: config.load === null ? null : `capacity=${config.load.capacity},factor=${config.load.factor}`,
    faults: faults.length === 0 ? null : faults.join(','),
    apiKey: config.apiKey === null ? null : 'required',
    timeScale: config.timeScale,
    seed: config.seed,
  };
}
