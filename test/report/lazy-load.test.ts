import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Importing `llm-concurrency-bench/report` for its table renderers loads no chart library:
 * Vega and Vega-Lite are imported when the first chart is drawn.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function loadedAfter(code: string): string[] {
  const hooks = `let port; export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) { const r = await next(specifier, context); port.postMessage(r.url); return r; }`;
  const script = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
register('data:text/javascript,${encodeURIComponent(hooks)}', { data: { port: port2 }, transferList: [port2] });
${code}
await new Promise((r) => setTimeout(r, 100));
port1.close();
console.log(JSON.stringify(seen.filter((u) => /node_modules\\/vega/.test(u))));`;
  const out = execFileSync(process.execPath, ['--conditions=llm-concurrency-bench-source', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as string[];
}

describe('llm-concurrency-bench/report', () => {
  it('loads neither vega nor vega-lite until a chart is drawn', () => {
    expect(loadedAfter(`const report = await import('llm-concurrency-bench/report'); if (typeof report.renderMarkdown !== 'function') process.exit(3);`)).toEqual([]);
  });

  it('loads them to draw one', () => {
    const loaded = loadedAfter(`
const { renderCharts } = await import('llm-concurrency-bench/report');
const { readFileSync } = await import('node:fs');
await renderCharts(JSON.parse(readFileSync('test/report/fixtures/strategies.json', 'utf8')));`);
    expect(loaded.some((u) => /node_modules\/vega\//.test(u))).toBe(true);
    expect(loaded.some((u) => /node_modules\/vega-lite\//.test(u))).toBe(true);
  });
});
