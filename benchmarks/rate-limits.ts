import { defineSuite } from '../src/bench/index.ts';

/**
 * A binding rate limit (free tier: 60 RPM, 40k TPM). Unlimited fan-out loses requests
 * without retries; retries recover them at the cost of wasted calls; client-side pacing
 * reaches the limit's bound without a single 429.
 */
export default defineSuite({
  name: 'rate-limits',
  description: 'A binding RPM/TPM limit (free-tier profile): fan-out with and without retries, adaptive, client-side pacing',
  requests: 100,
  profile: 'free-tier',
  iterations: 3,
  rows: [
    { name: 'serial', strategy: 'serial', description: 'one at a time (below the limit)' },
    { name: 'abatch-no-retry', strategy: 'abatch', options: { maxConcurrency: null }, description: 'unlimited fan-out, no retries: 429s become errors' },
    { name: 'abatch-sdk-retry', strategy: 'abatch', options: { maxConcurrency: null, retry: 'sdk' }, description: "unlimited fan-out with the openai SDK's retry policy (2 retries)" },
    { name: 'abatch-with-retry', strategy: 'abatch', options: { maxConcurrency: null, retry: 'with-retry' }, description: 'unlimited fan-out, withRetry (6 attempts) honouring retry-after' },
    { name: 'adaptive', strategy: 'adaptive', description: 'AIMD concurrency reacting to 429s, retry-after as a global pause' },
    { name: 'rate-limited', strategy: 'rateLimited', options: { rpm: 'provider', tpm: 'provider' }, description: 'client-side RPM/TPM token buckets matching the provider limits' },
  ],
});
