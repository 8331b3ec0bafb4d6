/**
 * Command-line options for the provider scenario (`--profile`, `--latency`, `--rpm`, `--tpm`,
 * `--max-inflight`, `--error-rate`, `--seed`), shared by `npm run mock` and any other CLI
 * that starts a provider; each parser throws commander's `InvalidArgumentError` with one line.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseLatencySpec } from './spec/latency-spec.ts';
import type { MockProviderOptions, ProfileName } from './options.ts';
import { PROFILE_NAMES } from './profiles.ts';

/** Parses a number above 0 (`--rpm`, `--tpm`). */
export const parsePositive = (flag: string) => (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} must be a number above 0, got "${value}".`);
  return n;
};

/** Parses a whole number from `min` (`--max-inflight`, `--seed`, `--port`). */
export const parseWhole = (flag: string, min: number, max = Number.MAX_SAFE_INTEGER) => (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new InvalidArgumentError(`${flag} must be a whole number from ${min} to ${max}, got "${value}".`);
  }
  return n;
};

/** Parses a probability from 0 to 1 (`--error-rate`). */
export const parseProbability = (flag: string) => (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`${flag} must be a probability from 0 to 1, got "${value}".`);
  return n;
};

/** Checks a latency spec (`--latency`) and keeps it as text; the message is the spec parser's. */
export const parseLatencyOption = (value: string): string => {
  try {
    parseLatencySpec(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
  return value;
};

/** Adds the provider scenario options to `command`. */
export function addProviderOptions(command: Command): Command {
  return command
    .addOption(new Option('--profile <name>', 'provider profile').choices([...PROFILE_NAMES]))
    .option('--latency <spec>', 'latency model: 800ms, 1.5s, uniform:1s..3s, normal:mean=1s,sd=200ms, lognormal:median=800ms,p99=3s, exponential:mean=1s, ttft=300ms,tpot=20ms', parseLatencyOption)
    .option('--rpm <n>', 'requests-per-minute limit', parsePositive('--rpm'))
    .option('--tpm <n>', 'tokens-per-minute limit', parsePositive('--tpm'))
    .option('--max-inflight <n>', 'most requests in flight; 429 beyond it', parseWhole('--max-inflight', 1))
    .option('--error-rate <p>', 'probability of a 500/502/503 per request', parseProbability('--error-rate'))
    .option('--seed <n>', 'seed of every random draw (default 1)', parseWhole('--seed', 0));
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
  return out;
}
