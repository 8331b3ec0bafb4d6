/**
 * Where a suite run sends its requests: the in-process mock provider (the default), or a
 * real OpenAI-compatible server (OpenAI, vLLM, Ollama, a gateway) given by base URL,
 * model and API key.
 */

/** Target kinds the harness knows. */
export const TARGET_KINDS = ['mock', 'openai'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** What results JSON records of a real endpoint: never its key. */
export interface TargetRecord {
  kind: 'openai';
  baseUrl: string;
  model: string;
}

/** How long one request to a real endpoint may take by default: a stalled server fails the request instead of hanging the run. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * A real OpenAI-compatible endpoint. The key sits in a private field, so neither
 * `JSON.stringify`, `util.inspect` nor a spread of the object can copy it anywhere.
 */
export class OpenAITarget {
  readonly kind = 'openai';
  readonly #apiKey: string;

  constructor(
    /** The API root, e.g. `https://api.openai.com/v1` or `http://localhost:8000/v1`. */
    readonly baseUrl: string,
    /** The model id every request names. */
    readonly model: string,
    apiKey: string,
    /** How long one request may take before the SDK gives up on it (counted as an error). */
    readonly requestTimeoutMs: number = DEFAULT_REQUEST_TIMEOUT_MS,
  ) {
    if (apiKey === '') throw new TypeError('Expected `apiKey` to be a non-empty string.');
    if (!(Number.isFinite(requestTimeoutMs) && requestTimeoutMs > 0)) throw new TypeError(`Expected \`requestTimeoutMs\` to be a positive number, got ${requestTimeoutMs}.`);
    this.#apiKey = apiKey;
  }

  /** The key, for the SDK client only. */
  apiKey(): string {
    return this.#apiKey;
  }

  /** What results JSON stores: kind, base URL and model, without the key. */
  toJSON(): TargetRecord {
    return { kind: this.kind, baseUrl: this.baseUrl, model: this.model };
  }
}
