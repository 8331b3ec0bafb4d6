/**
 * Default token accounting for `rateLimited`: a rough up-front estimate of what an input
 * will cost, and the actual usage read from an OpenAI-shaped output.
 */

/**
 * A rough token estimate: about 4 characters per token of the input as text (a string
 * as is, anything else as JSON), at least 1. Providers also reserve `max_tokens` for the
 * completion, so pass your own `estimateTokens` that adds it when you set one.
 */
export function estimateTokensRoughly(input: unknown): number {
  const text = typeof input === 'string' ? input : (JSON.stringify(input) ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * Tokens an output actually used: `usage.total_tokens` of an OpenAI chat completion or
 * embedding response (also under `.data`, as `.withResponse()` returns it); `undefined`
 * when the output does not say.
 */
export function usageTokensOf(output: unknown): number | undefined {
  for (const candidate of [output, (output as { data?: unknown } | null | undefined)?.data]) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    const usage = (candidate as { usage?: unknown }).usage;
    if (typeof usage !== 'object' || usage === null) continue;
    const total = (usage as { total_tokens?: unknown }).total_tokens;
    if (typeof total === 'number' && Number.isFinite(total) && total >= 0) return total;
  }
  return undefined;
}
