import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { chatTask, DEFAULT_MAX_TOKENS, takesMaxCompletionTokens } from '../../src/bench/default-task.ts';

/** A client whose fetch records each request body and answers with a minimal completion. */
function recordingClient(): { client: OpenAI; bodies: Array<Record<string, unknown>> } {
  const bodies: Array<Record<string, unknown>> = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    const completion = { id: 'c', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] };
    return new Response(JSON.stringify(completion), { headers: { 'content-type': 'application/json' } });
  };
  return { client: new OpenAI({ apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1', fetch, maxRetries: 0 }), bodies };
}

describe('chatTask()', () => {
  it.each([
    ['gpt-4o-mini', 'max_tokens'],
    ['llama3.1:8b', 'max_tokens'],
    ['o3-mini', 'max_completion_tokens'],
    ['o1', 'max_completion_tokens'],
    ['gpt-5-mini', 'max_completion_tokens'],
    ['openai/o4-mini', 'max_completion_tokens'],
  ])('caps %s with %s, the field the model takes', async (model, field) => {
    const { client, bodies } = recordingClient();
    await chatTask(client, model, 'Summarize.')({ id: 'doc-000', text: 'a document' }, { index: 0, attempt: 1, signal: new AbortController().signal });
    expect(bodies[0]).toMatchObject({ model, [field]: DEFAULT_MAX_TOKENS });
    expect(Object.keys(bodies[0]!).filter((k) => k.startsWith('max_'))).toEqual([field]);
  });

  it('takesMaxCompletionTokens() does not mistake other names for reasoning models', () => {
    expect(takesMaxCompletionTokens('gpt-4.1')).toBe(false);
    expect(takesMaxCompletionTokens('olmo-2')).toBe(false);
    expect(takesMaxCompletionTokens('o3')).toBe(true);
  });
});
