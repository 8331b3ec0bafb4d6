/**
 * List prices in USD per million tokens, used to estimate what a run would cost on the
 * real API. Figures are OpenAI's published standard-tier prices; override per suite.
 */
export interface ModelPrice {
  /** USD per 1M prompt (input) tokens. */
  inputPerMillion: number;
  /** USD per 1M completion (output) tokens. */
  outputPerMillion: number;
}

export const defaultPrices: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'text-embedding-3-small': { inputPerMillion: 0.02, outputPerMillion: 0 },
  'text-embedding-3-large': { inputPerMillion: 0.13, outputPerMillion: 0 },
};

/** Estimated cost in USD; `null` when the model has no known price. */
export function estimateCostUsd(
  model: string,
  promptTokens: number,
  completionTokens: number,
  prices: Readonly<Record<string, ModelPrice>> = defaultPrices,
): number | null {
  const price = prices[model];
  if (price === undefined) return null;
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000;
}
