import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMockProvider } from '../../mocks/index.ts';
import { errorOf, post } from './helpers.ts';

/** The cells of the `POST /v1/responses` row of the endpoint table in docs/mock-provider.md. */
function responsesRow(): { supported: string; ignored: string; rejected: string } {
  const doc = readFileSync(new URL('../../docs/mock-provider.md', import.meta.url), 'utf8');
  const row = doc.split('\n').find((line) => line.startsWith('| `POST /v1/responses` | `model`'))!;
  const [, supported, ignored, rejected] = row.replace(/\\\|/g, '/').split(' | ').map((c) => c.trim());
  return { supported: supported!, ignored: ignored!, rejected: rejected! };
}

/** The top-level parameters a comma list names: each item's leading backticked identifier, when it is not a path. */
const topLevel = (list: string): string[] => [...list.matchAll(/(?:^|, )`([a-z_]+)`(?![/[.])/g)].map((m) => m[1]!);

describe('the Responses row in docs/mock-provider.md matches the code', () => {
  const row = responsesRow();
  const mistyped = topLevel(row.rejected.split('missing or mistyped ')[1]!.split(';')[0]!);

  it('names the checked parameters', () => {
    expect(mistyped).toEqual(['model', 'input', 'instructions', 'max_output_tokens', 'stream', 'temperature', 'top_p', 'metadata', 'text', 'tools', 'tool_choice']);
  });

  // Every top-level parameter the row says is checked: a wrong-typed value (an array holding an empty object) is a 400 naming it or a place in it.
  it.each(mistyped)('%s: a wrong-typed value is a 400 naming it', async (param) => {
    const response = await post(createMockProvider({ latency: 0 }), '/responses', { model: 'gpt-4o-mini', input: 'hello', [param]: [{}] });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).param).toMatch(new RegExp(`^${param}(\\.|\\[|$)`));
  });

  it('says tools of other types are accepted and never called, and so they are', async () => {
    expect(row.ignored).toMatch(/`web_search_preview`, `file_search`, `mcp`, …: never called/);
    const response = await post(createMockProvider({ latency: 0, outputTokens: 2 }), '/responses', {
      model: 'gpt-4o-mini', input: 'hello', tools: [{ type: 'web_search_preview' }, { type: 'file_search', vector_store_ids: ['vs_1'] }, { type: 'mcp', server_label: 'x' }],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ output: [{ type: 'message' }] });
  });

  it("says json_schema and function calls are supported, and no longer says the mock rejects them", () => {
    expect(row.supported).toMatch(/`\{ type: 'json_schema', name, schema, strict\? \}`/);
    expect(row.supported).toMatch(/`function_call`/);
    expect(row.rejected).not.toMatch(/cannot yet generate/);
  });
});
