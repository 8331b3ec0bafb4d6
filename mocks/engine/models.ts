/** The model ids the provider serves and their embedding sizes. */

/**
 * Model ids served out of the box: OpenAI's current models, their dated snapshots and the
 * older ids clients still send. Any other id is a 404 `model_not_found` unless the `models`
 * option adds it (or accepts any id with `*`).
 */
export const DEFAULT_MODELS: readonly string[] = [
  // GPT-4o and GPT-4.1 families (chat and responses).
  'gpt-4o-mini', 'gpt-4o-mini-2024-07-18',
  'gpt-4o', 'gpt-4o-2024-05-13', 'gpt-4o-2024-08-06', 'gpt-4o-2024-11-20',
  'gpt-4.1', 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini', 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano', 'gpt-4.1-nano-2025-04-14',
  // GPT-5 family.
  'gpt-5', 'gpt-5-2025-08-07', 'gpt-5-mini', 'gpt-5-mini-2025-08-07', 'gpt-5-nano', 'gpt-5-nano-2025-08-07',
  // Reasoning models (answered like any other model: the mock does no reasoning).
  'o1', 'o1-2024-12-17', 'o3', 'o3-2025-04-16', 'o3-mini', 'o3-mini-2025-01-31', 'o4-mini', 'o4-mini-2025-04-16',
  // Older ids.
  'gpt-4-turbo', 'gpt-4-turbo-2024-04-09', 'gpt-4', 'gpt-3.5-turbo', 'gpt-3.5-turbo-0125',
  // Legacy completions models.
  'gpt-3.5-turbo-instruct', 'davinci-002', 'babbage-002',
  // Embedding models.
  'text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002',
];

/** Embedding vector length per model; models not listed use {@link DEFAULT_EMBEDDING_DIMENSIONS}. */
export const EMBEDDING_DIMENSIONS: Readonly<Record<string, number>> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

/** Embedding length for models not in {@link EMBEDDING_DIMENSIONS}. */
export const DEFAULT_EMBEDDING_DIMENSIONS = 1536;

/**
 * True for embedding-only models: OpenAI's `text-embedding-*` and any id containing `embed`
 * (e.g. a configured `nomic-embed-text`). They are served only on `/v1/embeddings`; every
 * other model on the text endpoints (chat completions, responses, completions).
 */
export function isEmbeddingModel(id: string): boolean {
  return /embed/i.test(id);
}

/** Which model ids the provider serves. */
export interface ModelSelection {
  /** The ids `GET /v1/models` lists, in order. */
  ids: readonly string[];
  /** True when any id is accepted (`*`), listed or not. */
  any: boolean;
}

/**
 * Reads the `models` option (`--models`): a comma list (or the same entries as an array)
 * replaces the defaults; a leading `+` adds the entries to them; an entry `*` accepts any
 * id without replacing the defaults (so `*` alone serves any id and lists the defaults).
 * @throws {TypeError} for an empty list or an empty entry, naming `option`.
 */
export function parseModelSelection(value: string | readonly string[], option = 'models'): ModelSelection {
  const entries = (typeof value === 'string' ? value.split(',') : [...value]).map((entry) => entry.trim());
  const extend = entries[0]?.startsWith('+') === true;
  if (extend) entries[0] = entries[0]!.slice(1).trim();
  if (entries.length === 0 || entries.some((entry) => entry === '')) {
    const shown = typeof value === 'string' ? value : value.join(',');
    throw new TypeError(`Expected \`${option}\` to be a comma-separated list of model ids (a leading + adds them to the defaults, * accepts any id), got \`${shown}\`.`);
  }
  const any = entries.includes('*');
  const named = entries.filter((entry) => entry !== '*');
  const ids = extend || named.length === 0 ? [...DEFAULT_MODELS, ...named] : named;
  return { ids: [...new Set(ids)], any };
}
