import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/index.ts';
import { createMockProvider, type MockProviderOptions } from '../../mocks/index.ts';
import { chatBody, post, sdkClient } from './helpers.ts';

/** A fresh provider on a virtual clock and an SDK client on it (request ids, hence filler texts, start over). */
function fresh(options: MockProviderOptions = {}) {
  const clock = new VirtualClock();
  const provider = createMockProvider({ latency: 'ttft=300ms,tpot=20ms', outputTokens: 40, clock, ...options });
  const client = sdkClient(provider);
  /** A non-streamed completion, with virtual time advanced until it is answered. */
  const create = (body: OpenAI.ChatCompletionCreateParamsNonStreaming) => clock.run(() => client.chat.completions.create(body));
  return { clock, provider, client, create };
}

/** The content of the first choice of a plain request on a fresh provider (the text a shaped one is compared with). */
const fullText = async (): Promise<string> => (await fresh().create(chatBody('hello'))).choices[0]!.message.content!;

/** The text of a streamed chat per choice index, and the virtual time the stream ended. */
async function streamed(options: Record<string, unknown>, providerOptions: MockProviderOptions = {}) {
  const { clock, client } = fresh(providerOptions);
  const texts: string[] = [];
  const finish: string[] = [];
  let usage: OpenAI.CompletionUsage | undefined;
  await clock.run(async () => {
    const stream = await client.chat.completions.create({ ...chatBody('hello'), ...options, stream: true, stream_options: { include_usage: true } } as OpenAI.ChatCompletionCreateParamsStreaming);
    for await (const chunk of stream) {
      for (const c of chunk.choices) {
        texts[c.index] = (texts[c.index] ?? '') + (c.delta.content ?? '');
        if (c.finish_reason !== null) finish[c.index] = c.finish_reason;
      }
      if (chunk.usage) usage = chunk.usage;
    }
  });
  return { texts, finish, usage, end: clock.now() };
}

describe('stop', () => {
  // The filler text cycles through a fixed 32-word vocabulary, so 40 tokens contain every word once at least:
  // ' benchmark' (a word with its leading space) is a stop sequence known to appear.
  it('cuts the text before the first stop sequence, with finish_reason stop and usage counting the kept tokens', async () => {
    const full = await fullText();
    const { clock, client, provider } = fresh();
    const completion = await clock.run(() => client.chat.completions.create({ ...chatBody('hello'), stop: ['zzz', ' benchmark', ' pipeline'] }));
    const content = completion.choices[0]!.message.content!;
    const cut = Math.min(full.indexOf(' benchmark'), full.indexOf(' pipeline'));
    expect(cut).toBeGreaterThan(0);
    expect(content).toBe(full.slice(0, cut));
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    const tokens = content.split(' ').length;
    expect(completion.usage?.completion_tokens).toBe(tokens);
    // The response is ready when its last kept token is: ttft + (tokens − 1) × tpot.
    expect(clock.now()).toBe(300 + (tokens - 1) * 20);
    expect(provider.log[0]).toMatchObject({ completionTokens: tokens, serviceMs: 300 + (tokens - 1) * 20 });
  });

  it('a stop string (not an array) works the same when streamed, ending the stream at the cut', async () => {
    const full = await fullText();
    const { texts, finish, usage, end } = await streamed({ stop: ' benchmark' });
    expect(texts[0]).toBe(full.slice(0, full.indexOf(' benchmark')));
    expect(finish).toEqual(['stop']);
    expect(end).toBe(300 + (usage!.completion_tokens - 1) * 20);
  });

  it('a stop sequence that never appears changes nothing', async () => {
    const full = await fullText();
    const completion = await fresh().create({ ...chatBody('hello'), stop: 'never-there' });
    expect(completion.choices[0]!.message.content).toBe(full);
    expect(completion.usage?.completion_tokens).toBe(40);
  });
});

describe('n', () => {
  it('n: 3 returns three different texts of the drawn length, usage counting all of them; streamed the same', async () => {
    const { clock, client } = fresh({ outputTokens: 8 });
    const completion = await clock.run(() => client.chat.completions.create({ ...chatBody('hello'), n: 3 }));
    const texts = completion.choices.map((c) => c.message.content!);
    expect(completion.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(texts).size).toBe(3);
    expect(texts.map((t) => t.split(' ').length)).toEqual([8, 8, 8]);
    expect(completion.usage?.completion_tokens).toBe(24);
    const stream = await streamed({ n: 3 }, { outputTokens: 8 });
    expect(stream.texts).toEqual(texts);
    expect(stream.usage?.completion_tokens).toBe(24);
  });

  it('n with tools gives each choice its own call', async () => {
    const tool = { type: 'function' as const, function: { name: 'pick', parameters: { type: 'object', properties: { v: { type: 'integer', minimum: 0, maximum: 1000000 } }, required: ['v'], additionalProperties: false } } };
    const completion = await fresh().create({ ...chatBody('hello'), n: 3, tools: [tool], tool_choice: 'required' });
    const calls = completion.choices.map((c) => c.message.tool_calls?.[0]);
    expect(new Set(calls.map((c) => c?.id)).size).toBe(3);
    const args = calls.map((c) => (c?.type === 'function' ? c.function.arguments : ''));
    expect(completion.usage?.completion_tokens).toBe(args.reduce((sum, a) => sum + Math.ceil(a.length / 4), 0));
  });
});

describe('logprobs', () => {
  it('gives one entry per token with plausible negative logprobs, bytes and top_logprobs, the same on every run', async () => {
    const run = () => fresh({ outputTokens: 10 }).create({ ...chatBody('hello'), logprobs: true, top_logprobs: 3 });
    const completion = await run();
    const choice = completion.choices[0]!;
    const entries = choice.logprobs!.content!;
    expect(entries).toHaveLength(completion.usage!.completion_tokens);
    expect(entries.map((e) => e.token).join('')).toBe(choice.message.content);
    for (const e of entries) {
      expect(e.logprob).toBeLessThan(0);
      expect(e.logprob).toBeGreaterThan(-20);
      expect(e.bytes).toEqual([...Buffer.from(e.token)]);
      expect(e.top_logprobs).toHaveLength(3);
      expect(e.top_logprobs[0]).toEqual({ token: e.token, logprob: e.logprob, bytes: e.bytes });
      const lps = e.top_logprobs.map((t) => t.logprob);
      expect([...lps].sort((a, b) => b - a)).toEqual(lps);
    }
    expect((await run()).choices[0]!.logprobs).toEqual(choice.logprobs);
  });

  it('streams each token with its logprob; without top_logprobs the alternatives are empty; without logprobs it is null', async () => {
    const { clock, client } = fresh({ outputTokens: 5 });
    const entries: OpenAI.ChatCompletionTokenLogprob[] = [];
    await clock.run(async () => {
      const stream = await client.chat.completions.create({ ...chatBody('hello'), logprobs: true, stream: true });
      for await (const chunk of stream) entries.push(...(chunk.choices[0]?.logprobs?.content ?? []));
    });
    expect(entries).toHaveLength(5);
    expect(entries.every((e) => e.top_logprobs.length === 0)).toBe(true);
    const plain = await fresh().create(chatBody('hello'));
    expect(plain.choices[0]!.logprobs).toBeNull();
  });
});

describe('timing of shaped answers', () => {
  it('a streamed tool call keeps the token schedule: header with the first fragment at ttft, one fragment per tpot', async () => {
    const { clock, provider } = fresh();
    const tool = { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'string', minLength: 30, maxLength: 30 } }, required: ['a'] } } };
    const times: number[] = [];
    await clock.run(async () => {
      const response = await post(provider, '/chat/completions', chatBody('x', { tools: [tool], tool_choice: 'required', stream: true }));
      const reader = response.body!.getReader();
      for (;;) {
        const { done } = await reader.read();
        if (done) break;
        times.push(clock.now());
      }
    });
    const args = 38; // {"a":"<30 characters>"}
    const fragments = Math.ceil(args / 4);
    expect(times[0]).toBe(300);
    expect(times.at(-1)).toBe(300 + (fragments - 1) * 20);
    expect(provider.log[0]).toMatchObject({ status: 200, completionTokens: fragments, serviceMs: 300 + (fragments - 1) * 20 });
  });

  it('max_tokens cuts structured content: finish_reason length, and the SDK parse helper throws LengthFinishReasonError', async () => {
    const { client, clock, create } = fresh();
    const format = { type: 'json_schema' as const, json_schema: { name: 'long', schema: { type: 'object', properties: { s: { type: 'string', minLength: 60, maxLength: 60 } }, required: ['s'] } } };
    const completion = await create({ ...chatBody('hello'), max_tokens: 5, response_format: format });
    expect(completion.choices[0]).toMatchObject({ finish_reason: 'length' });
    expect(completion.choices[0]!.message.content).toHaveLength(20);
    expect(completion.usage?.completion_tokens).toBe(5);
    await expect(clock.run(() => client.chat.completions.parse({ ...chatBody('hi'), max_tokens: 5, response_format: format }))).rejects.toThrow(/length limit/i);
  });
});
