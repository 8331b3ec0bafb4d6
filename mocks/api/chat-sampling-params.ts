/**
 * Validation of the chat parameters that tune sampling (`temperature`, `top_p`, penalties,
 * `seed`, `user`, `logprobs`, `top_logprobs`), with OpenAI's 400s. The mock accepts them;
 * only `logprobs`/`top_logprobs` change the answer.
 */
import { invalidParam } from './errors.ts';
import { optionalInteger, wrongType } from './request-validation.ts';

/** The sampling parameters that change the answer. */
export interface SamplingParams {
  /** `logprobs: true`. */
  logprobs: boolean;
  /** `top_logprobs` (0 when absent). */
  topLogprobs: number;
}

/** A decimal parameter in `[min, max]`, worded as OpenAI words its range errors. */
function optionalDecimal(body: Record<string, unknown>, param: string, min: number, max: number): void {
  const value = body[param];
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(param, 'a decimal', value);
  if (value < min) throw invalidParam(param, `Invalid '${param}': decimal below minimum value. Expected a value >= ${min}, but got ${value} instead.`, 'decimal_below_min_value');
  if (value > max) throw invalidParam(param, `Invalid '${param}': decimal above maximum value. Expected a value <= ${max}, but got ${value} instead.`, 'decimal_above_max_value');
}

function optionalOfType(body: Record<string, unknown>, param: string, type: 'boolean' | 'string', expected: string): void {
  const value = body[param];
  if (value !== undefined && value !== null && typeof value !== type) throw wrongType(param, expected, value);
}

/**
 * Checks the sampling parameters and returns those that shape the answer.
 * @throws {ApiError} 400 `invalid_request_error` naming the parameter.
 */
export function validateSamplingParams(body: Record<string, unknown>): SamplingParams {
  optionalDecimal(body, 'temperature', 0, 2);
  optionalDecimal(body, 'top_p', 0, 1);
  optionalDecimal(body, 'presence_penalty', -2, 2);
  optionalDecimal(body, 'frequency_penalty', -2, 2);
  optionalInteger(body, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  optionalOfType(body, 'user', 'string', 'a string');
  optionalOfType(body, 'parallel_tool_calls', 'boolean', 'a boolean');
  optionalOfType(body, 'logprobs', 'boolean', 'a boolean');
  const logprobs = body.logprobs === true;
  const topLogprobs = optionalInteger(body, 'top_logprobs', 0, 20);
  if (topLogprobs !== null && !logprobs) {
    throw invalidParam('top_logprobs', "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is specified.", 'invalid_value');
  }
  return { logprobs, topLogprobs: topLogprobs ?? 0 };
}
