/** The built-in scenarios (`hosted`, `free-tier`, `local`, `ci`) a provider can start from. */
import type { MockProviderOptions, ProfileName } from './options.ts';

/** Every profile name, in the order they are documented. */
export const PROFILE_NAMES: readonly ProfileName[] = ['hosted', 'free-tier', 'local', 'ci'];

/**
 * Built-in scenarios; pass `profile` and override any option on top.
 * - `hosted`: a typical hosted API: 1–3 s per request (uniform), 500 RPM, 200k TPM,
 *   50–250 output tokens.
 * - `free-tier`: a strict free tier (such tiers allow 10–100 RPM): 60 RPM, 40k TPM, 1–3 s.
 * - `local`: a local inference server: no rate limits, token-based latency (300 ms to first
 *   token, 20 ms per token), capacity 4 with a load factor of 3 — the latency knee.
 * - `ci`: fast and fixed for CI: 50 ms, 16 output tokens, no limits.
 */
export const profiles: Readonly<Record<ProfileName, Readonly<MockProviderOptions>>> = Object.freeze({
  hosted: Object.freeze({ latency: 'uniform:1s..3s', outputTokens: 'uniform:50..250', rpm: 500, tpm: 200_000 }),
  'free-tier': Object.freeze({ latency: 'uniform:1s..3s', outputTokens: 'uniform:50..250', rpm: 60, tpm: 40_000 }),
  local: Object.freeze({ latency: 'ttft=300ms,tpot=20ms', outputTokens: 'uniform:50..250', load: Object.freeze({ capacity: 4, factor: 3 }) }),
  ci: Object.freeze({ latency: '50ms', outputTokens: 16 }),
});
