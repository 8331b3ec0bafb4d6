/** The error thrown for an unparseable latency or output-length spec string. */

/** Which option a spec string was given for; decides the examples in the error message. */
export type SpecOption = 'latency' | 'outputTokens';

const EXAMPLES: Record<SpecOption, string> = {
  latency: '800ms, 1.5s, uniform:1s..3s, normal:mean=1s,sd=200ms, lognormal:median=800ms,p99=3s, exponential:mean=1s, ttft=300ms,tpot=20ms',
  outputTokens: '100, uniform:50..250, normal:mean=200,sd=50, lognormal:median=150,p99=600, exponential:mean=100',
};

/**
 * A latency or output-length spec string could not be parsed. A `TypeError` (it is an
 * invalid option value) whose one-line message names the option, the spec, why it failed
 * and valid examples.
 */
export class SpecParseError extends TypeError {
  override readonly name = 'SpecParseError';
  constructor(
    /** The option the spec was given for. */
    readonly option: SpecOption,
    /** The spec as received. */
    readonly spec: string,
    /** Why it failed, e.g. `missing unit in "800"`. */
    readonly reason: string,
  ) {
    super(`Failed to parse \`${option}\` spec "${spec}": ${reason}. Please use a spec such as ${EXAMPLES[option]}.`);
  }
}

/** Internal: a reason a part of a spec is invalid; parsers wrap it in {@link SpecParseError}. */
export class SpecReason extends Error {
  override readonly name = 'SpecReason';
}
