import { EndpointError } from './endpoint-error.ts';
import { redact } from './redact.ts';
import type { RowResult } from './results.ts';

/** One kind of failed answer from a real endpoint: how often, and the first message. */
export interface FailureKind {
  /** `400 unsupported_parameter`, `500`, `ECONNRESET`. */
  kind: string;
  count: number;
  message?: string;
}

/** Kinds kept apart; any further ones are counted together, so the tally stays small. */
const MAX_KINDS = 16;
/** Characters of an endpoint's message kept for a note. */
const MAX_MESSAGE = 160;

/**
 * The failed answers of a real endpoint over a run, by kind, so a run whose requests fail
 * says why (a 400 for a parameter the model refuses, a 500, a reset) instead of showing a
 * bare error count. `secret` (the API key) is taken out of every stored message.
 */
export class FailureTally {
  readonly #kinds = new Map<string, FailureKind>();
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  add(kind: string, message: string | undefined): void {
    const key = this.#kinds.has(kind) || this.#kinds.size < MAX_KINDS ? kind : 'other';
    const entry = this.#kinds.get(key);
    if (entry) {
      entry.count++;
      return;
    }
    // The kinds counted together as `other` share no one message.
    const clean = message === undefined || key === 'other' ? undefined : this.#secret === '' ? message : redact(message, this.#secret);
    const short = clean !== undefined && clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE - 1)}…` : clean;
    this.#kinds.set(key, { kind: key, count: 1, ...(short ? { message: short } : {}) });
  }

  /** Most frequent first. */
  kinds(): FailureKind[] {
    return [...this.#kinds.values()].map((k) => ({ ...k })).sort((a, b) => b.count - a.count);
  }
}

/** `400 unsupported_parameter ×10 ("Unsupported parameter: …"), 500 ×3`. */
export function describeFailures(kinds: readonly FailureKind[]): string {
  return kinds.map((k) => `${k.kind} ×${k.count}${k.message ? ` (${JSON.stringify(k.message)})` : ''}`).join(', ');
}

/**
 * After a real endpoint's complete run: an {@link EndpointError} when not one request of
 * any row succeeded (the figures would describe nothing but failures, so none are kept), or
 * else a note naming the failed answers, if there were any.
 */
export function endpointVerdict(rows: readonly RowResult[], kinds: readonly FailureKind[], baseUrl: string): string | undefined {
  const failed = kinds.length > 0 ? describeFailures(kinds) : undefined;
  if (rows.length > 0 && rows.every((r) => r.counts.ok === 0 && r.counts.errors > 0)) {
    const why = failed ?? `no answer arrived (each request timed out after --request-timeout or lost its connection)`;
    throw new EndpointError(`every request failed at ${baseUrl}: ${why}`, baseUrl, undefined, undefined);
  }
  return failed ? `endpoint answers that failed: ${failed}` : undefined;
}
