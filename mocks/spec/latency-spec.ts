/**
 * Parsing, formatting and validation of latency specs such as `800ms` or
 * `ttft=300ms,tpot=20ms`.
 */
import type { LatencySpec } from '../engine/latency-model.ts';
import { distributionProblem, formatDistribution, parseDistribution } from './distribution-spec.ts';
import { SpecParseError, SpecReason } from './spec-error.ts';
import { describeValue, DurationSyntaxError, formatDuration, parseDuration } from '../../src/core/index.ts';

const TPOT = /(^|,)\s*tpot=([^,]*)/;

/** A duration in a spec (a unit is required except for `0`); its syntax errors become spec reasons. */
function specDuration(text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    if (error instanceof DurationSyntaxError) throw new SpecReason(error.reason);
    throw error;
  }
}

function parse(text: string): LatencySpec {
  const trimmed = text.trim();
  if (trimmed === '') throw new SpecReason('the spec is empty');
  if (!/^(ttft|tpot)=/.test(trimmed) && !trimmed.includes(',tpot=')) return parseDistribution(trimmed, specDuration);
  const tpotMatch = TPOT.exec(trimmed);
  if (tpotMatch === null) throw new SpecReason('token-based latency needs `tpot=DURATION`');
  const rest = (trimmed.slice(0, tpotMatch.index) + trimmed.slice(tpotMatch.index + tpotMatch[0].length)).replace(/^,/, '');
  if (!rest.startsWith('ttft=')) throw new SpecReason('token-based latency needs `ttft=DURATION` or `ttft=DISTRIBUTION`');
  return { kind: 'tokens', ttft: parseDistribution(rest.slice('ttft='.length), specDuration), tpot: specDuration(tpotMatch[2]!) };
}

/**
 * Parses a latency spec: `800ms`, `1.5s`, `uniform:1s..3s`, `normal:mean=1s,sd=200ms`,
 * `lognormal:median=800ms,p99=3s`, `exponential:mean=1s`, `ttft=300ms,tpot=20ms` or
 * `ttft=uniform:200ms..400ms,tpot=20ms`. Durations need a unit (`us`, `ms`, `s`, `m`) except `0`.
 * @throws {SpecParseError} with a one-line message naming the problem and valid examples.
 */
export function parseLatencySpec(spec: string): LatencySpec {
  if (typeof spec !== 'string') throw new SpecParseError('latency', String(spec), `expected a string, got ${describeValue(spec)}`);
  try {
    return parse(spec);
  } catch (error) {
    if (error instanceof SpecReason) throw new SpecParseError('latency', spec, error.message);
    throw error;
  }
}

/** Formats a spec in the syntax {@link parseLatencySpec} reads (round-trips). */
export function formatLatencySpec(spec: LatencySpec): string {
  if (spec.kind === 'tokens') return `ttft=${formatDistribution(spec.ttft, formatDuration)},tpot=${formatDuration(spec.tpot)}`;
  return formatDistribution(spec, formatDuration);
}

/**
 * Turns the `latency` option (a spec string, a number of milliseconds or a spec object)
 * into a validated {@link LatencySpec}.
 * @throws {TypeError} naming the option when the value is invalid.
 */
export function resolveLatencySpec(value: unknown, option = 'latency'): LatencySpec {
  if (typeof value === 'string') return parseLatencySpec(value);
  if (typeof value === 'number') {
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new TypeError(`Expected \`${option}\` to be a finite number of milliseconds from 0 and up, a spec string or a spec object, got ${describeValue(value)}`);
    }
    return { kind: 'constant', value };
  }
  const x = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const problem =
    x.kind === 'tokens'
      ? (distributionProblem(x.ttft) ??
        (typeof x.tpot === 'number' && Number.isFinite(x.tpot) && x.tpot >= 0 ? null : `\`tpot\` must be a finite number from 0 and up, got \`${String(x.tpot)}\``))
      : distributionProblem(value);
  if (problem !== null) throw new TypeError(`Expected \`${option}\` to be a valid latency spec: ${problem}; got ${describeValue(value)}`);
  return value as LatencySpec;
}
