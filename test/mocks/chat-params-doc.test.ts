import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMockProvider } from '../../mocks/index.ts';
import { chatBody, errorOf, post } from './helpers.ts';

/** The rows of the chat parameter table in docs/mock-provider.md: the parameters each names, and its status. */
function tableRows(): Array<{ params: string[]; status: string }> {
  const doc = readFileSync(new URL('../../docs/mock-provider.md', import.meta.url), 'utf8');
  const section = doc.split('## Chat completions: parameters')[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `') || line.startsWith('| anything'))
    .map((line) => {
      const [first, status] = line.split(' | ');
      return { params: [...first!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!), status: status!.trim() };
    });
}

describe('the chat parameter table in docs/mock-provider.md matches the code', () => {
  const rows = tableRows();

  it('has rows of every status', () => {
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['supported', 'accepted and ignored']));
  });

  // Every parameter the table says is supported or checked is validated: a value of the wrong type (an object) is a 400 naming it (or a field in it).
  const checked = rows.filter((r) => !r.params.includes('metadata')).flatMap((r) => r.params);
  it.each(checked)('%s: a wrong-typed value is a 400 naming it', async (param) => {
    const provider = createMockProvider({ latency: 0 });
    const response = await post(provider, '/chat/completions', { ...chatBody('hello'), [param]: { wrong: true } });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).param).toMatch(new RegExp(`^${param}(\\.|$)`));
  });

  it('the parameters it says go unchecked are accepted', async () => {
    const unchecked = rows.find((r) => r.params.includes('metadata'))!.params;
    expect(unchecked.length).toBeGreaterThan(2);
    const provider = createMockProvider({ latency: 0 });
    const response = await post(provider, '/chat/completions', { ...chatBody('hello'), ...Object.fromEntries(unchecked.map((p) => [p, { any: 'thing' }])) });
    expect(response.status).toBe(200);
  });
});
