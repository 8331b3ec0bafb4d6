/** Parsing, formatting and validation of output-length specs such as `uniform:50..250`. */
import type { Distribution } from '../engine/distribution.ts';
import { distributionProblem, formatDistribution, parseDistribution } from './distribution-spec.ts';
import { SpecParseError, SpecReason } from './spec-error.ts';
import { describeValue } from '../../src/core/index.ts';

const COUNT = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*$/;

function parseCount(text: string): number {
  const match = COUNT.exec(text);
  if (match === null) throw new SpecReason(`"${text}" is not a token count`);
  return Number(match[1]);
}

/**
 * Parses an output-length spec in tokens: `100`, `uniform:50..250`, `normal:mean=200,sd=50`,
 * `lognormal:median=150,p99=600` or `exponential:mean=100`.
 * @throws {SpecParseError} with a one-line message naming the problem and valid examples.
 */
export function parseOutputLengthSpec(spec: string): Distribution {
  try {
    if (spec.trim() === '') throw new SpecReason('the spec is empty');
    return parseDistribution(spec.trim(), parseCount);
  } catch (error) {
    if (error instanceof SpecReason) throw new SpecParseError('outputTokens', spec, error.message);
    throw error;
  }
}

/** Formats an output-length distribution in the syntax {@link parseOutputLengthSpec} reads. */
export function formatOutputLengthSpec(d: Distribution): string {
  return formatDistribution(d, (x) => String(Number(x.toFixed(3))));
}

/**
 * Turns the `outputTokens` option (a count, a spec string or a distribution object) into
 * a validated distribution.
 * @throws {TypeError} naming the option when the value is invalid.
 */
export function resolveOutputLength(value: unknown): Distribution {
  if (typeof value === 'string') return parseOutputLengthSpec(value);
  if (typeof value === 'number') {
    if (!(Number.isInteger(value) && value >= 1)) {
      throw new TypeError(`Expected \`outputTokens\` to be a whole number from 1 and up, a spec string or a distribution object, got ${describeValue(value)}`);
    }
    return { kind: 'constant', value };
  }
  const problem = distributionProblem(value);
  if (problem !== null) throw new TypeError(`Expected \`outputTokens\` to be a valid distribution: ${problem}; got ${describeValue(value)}`);
  return value as Distribution;
}
