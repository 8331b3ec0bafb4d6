/**
 * Thrown in place of a non-`Error` value that a task (or an input iterable) threw or
 * rejected with, so every failure a strategy reports is an `Error`. The original value
 * is kept as `cause`.
 */
export class NonErrorThrownError extends Error {
  override readonly name = 'NonErrorThrownError';
  constructor(
    /** What was running when the value was thrown, e.g. `the task for input 3`. */
    readonly source: string,
    value: unknown,
  ) {
    super(
      `Failed to run ${source}: it threw a non-Error value (${describe(value)}). Please throw or reject with Error instances.`,
      { cause: value },
    );
  }
}

/** Returns `value` if it is an `Error`, else wraps it in a {@link NonErrorThrownError}. */
export function toError(value: unknown, source: string): Error {
  return value instanceof Error ? value : new NonErrorThrownError(source, value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Object.prototype.toString.call(value);
}
