/**
 * Warms a fresh client before a real row: one request the provider does not rate-limit
 * (the model list), so the first chat requests do not pay for a cold connection and cold
 * code. A request reaching the provider long after its client took the token (or its job
 * took a window slot) lets the provider's full bucket miss refill that the client-side
 * limit counts on, and the later requests then meet an emptier bucket than planned.
 */
import type OpenAI from 'openai';

export async function warmUp(client: OpenAI): Promise<void> {
  await client.models.list().catch(() => undefined);
}
