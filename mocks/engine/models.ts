/** The model ids the provider serves and their embedding sizes. */

/** Model ids served out of the box (any other id is a 404 `model_not_found`). */
export const DEFAULT_MODELS: readonly string[] = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-4.1',
  'gpt-4.1-mini',
  'text-embedding-3-small',
  'text-embedding-3-large',
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
 * other model only on `/v1/chat/completions`.
 */
export function isEmbeddingModel(id: string): boolean {
  return /embed/i.test(id);
}
