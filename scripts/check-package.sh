#!/usr/bin/env bash
# Checks the package as a user gets it: pack, install the tarball into an empty folder,
# then use it from plain JavaScript and through its command, with a suite file of the
# user's own. Exits non-zero on the first thing that does not work.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$repo"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $tarball ($(du -k "$work/$tarball" | cut -f1) KiB)"

mkdir "$work/user" && cd "$work/user"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$work/$tarball" >/dev/null
echo "installed into an empty folder"

# 1. Plain .mjs: the root entry and the mocks subpath, 100 requests through the openai SDK, virtual clock.
cat > virtual.mjs <<'JS'
import OpenAI from 'openai';
import { abatch, VirtualClock } from 'llm-concurrency-bench';
import { createMockProvider } from 'llm-concurrency-bench/mocks';

const clock = new VirtualClock();
const provider = createMockProvider({ clock, latency: '2s', seed: 1 });
const client = new OpenAI({ apiKey: 'sk-test', baseURL: 'http://mock.local/v1', fetch: provider.fetch, maxRetries: 0 });
const inputs = Array.from({ length: 100 }, (_, i) => `document ${i}`);
const started = clock.now();
const outputs = await clock.run(() =>
  abatch(inputs, (text, { signal }) =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: text }] }, { signal }), { maxConcurrency: 10, clock }));
console.log(`${outputs.length} completions, makespan ${clock.now() - started} ms`);
JS
out="$(node virtual.mjs)"
echo "virtual.mjs: $out"
[ "$out" = "100 completions, makespan 20000 ms" ]

# 2. The root entry loads neither msw nor openai nor tinybench.
cat > loaded.mjs <<'JS'
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
const hooks = `let port; export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) { const r = await next(specifier, context); port.postMessage(r.url); return r; }`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });
await import('llm-concurrency-bench');
await new Promise((r) => setTimeout(r, 100));
port1.close();
const heavy = seen.filter((u) => /node_modules\/(msw|openai|tinybench|@mswjs)\//.test(u));
console.log(`${seen.filter((u) => u.startsWith('file:')).length} files loaded; msw/openai/tinybench: ${heavy.length}`);
if (heavy.length > 0) { console.log(heavy.join('\n')); process.exit(1); }
JS
echo "loaded.mjs: $(node loaded.mjs)"

# 3. The command.
npx llm-concurrency-bench --help | head -n 1
npx llm-concurrency-bench list | grep -c ' — ' | xargs echo "list: suites"
# LangChain is an optional peer, not installed here: its subpath still imports, and its suite stops with one line.
node -e "import('llm-concurrency-bench/langchain').then((m) => console.log('langchain subpath without LangChain: exports ' + Object.keys(m).sort().join(', ')))"
code=0; npx llm-concurrency-bench bench langchain --out results >langchain.txt 2>langchain.err || code=$?
[ "$code" = 2 ] && [ "$(wc -l <langchain.err)" = 1 ] && grep -q 'npm install @langchain/core' langchain.err
echo "bench langchain without LangChain: exit $code, $(cat langchain.err)"
npx llm-concurrency-bench list | grep -q 'distributed'
echo "list: shows the distributed suite without bullmq or ioredis installed"
code=0; npx llm-concurrency-bench bench distributed --out results >distributed.txt 2>distributed.err || code=$?
[ "$code" = 2 ] && [ "$(wc -l <distributed.err)" = 1 ] && grep -q 'npm install bullmq@^6 ioredis@^5' distributed.err
echo "bench distributed without bullmq: exit $code, $(cat distributed.err)"
npx llm-concurrency-bench bench --out results >bench.txt
grep -q 'abatch-bounded' bench.txt && [ -s results/strategies.json ]
echo "bench: default suite ran ($(grep -c '│' bench.txt) table lines), results/strategies.json written"
npx llm-concurrency-bench report results/strategies.json --format html --out report.html
grep -q '<svg' report.html && ! grep -q 'https\?://' report.html
echo "report: results/strategies.json re-rendered as a self-contained HTML page ($(du -k report.html | cut -f1) KiB)"

# 4. A TypeScript suite file of the user's own, importing only the package.
cat > my.bench.ts <<'TS'
import { defineSuite } from 'llm-concurrency-bench/bench';

interface Ticket { id: number; text: string }

export default defineSuite<Ticket>({
  name: 'ticket-triage',
  description: 'my task: classify support tickets',
  requests: 40,
  iterations: 2,
  workload: (n) => Array.from({ length: n }, (_, id) => ({ id, text: `ticket ${id}: the app crashes` })),
  requestTokens: () => 120,
  task: ({ client, model }) => async (ticket, { signal }) =>
    client.chat.completions.create({ model, max_tokens: 10, messages: [{ role: 'user', content: `Label: ${ticket.text}` }] }, { signal }),
  rows: [
    { name: 'serial', strategy: 'serial' },
    { name: 'pool-8', strategy: 'abatch', options: { maxConcurrency: 8 } },
    { name: 'adaptive', strategy: 'adaptive', options: { maxConcurrency: 16 } },
  ],
});
TS
npx llm-concurrency-bench bench ./my.bench.ts --out results >user.txt
grep -q 'suite ticket-triage' user.txt && grep -q 'pool-8' user.txt && [ -s results/ticket-triage.json ]
echo "user suite: ran, $(grep -c '│' user.txt) table lines"
# 5. Its types: the user's file type-checks against the package's .d.ts files (strict, libraries checked too).
tsversion="$(node -p "require('$repo/node_modules/typescript/package.json').version")"
npm install --no-audit --no-fund --silent "typescript@$tsversion" "@types/node@20" >/dev/null
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "strict": true,
  "noEmit": true, "skipLibCheck": false, "types": ["node"] }, "files": ["my.bench.ts"] }
JSON
npx tsc -p .
echo "types: my.bench.ts type-checks against the installed package"

# 6. The distributed subpath, with its optional peers installed: the worker entry is plain .js
#    that node loads without tsx, and the virtual-clock model runs (neither needs Redis).
bullmqversion="$(node -p "require('$repo/node_modules/bullmq/package.json').version")"
ioredisversion="$(node -p "require('$repo/node_modules/ioredis/package.json').version")"
npm install --no-audit --no-fund --silent "bullmq@$bullmqversion" "ioredis@$ioredisversion" >/dev/null
entry=node_modules/llm-concurrency-bench/dist/src/distributed/worker-main.js
node --check "$entry"
# Without an IPC channel (its configuration comes over it) it loads every import (bullmq, ioredis, openai), then refuses with exit 2.
set +e
worker_out="$(node "$entry" 2>&1)"
worker_code=$?
set -e
[ "$worker_code" = 2 ] && [ "$worker_out" = "worker-main: expected to be forked with an IPC channel (its configuration comes as the first message)." ]
echo "distributed: $entry loads with plain node (exit 2 without a configuration, as designed)"
cat > distributed.mjs <<'JS'
import { simulate, LIMIT_PRESETS } from 'llm-concurrency-bench/distributed';
import { createDocuments } from 'llm-concurrency-bench/bench';
const s = { limit: LIMIT_PRESETS['free-tier'], timeScale: 1, workers: 4, totalConcurrency: 8, seed: 1 };
const m = await simulate('queue-global', s, { inputs: createDocuments(12, 1) });
console.log(`${m.ok}/12 ok, ${m.rateLimited} answered 429`);
JS
out="$(node distributed.mjs)"
echo "distributed.mjs: queue-global simulated, $out"
[ "$out" = "12/12 ok, 0 answered 429" ]
# With a redis-server on PATH, the suite itself: K worker processes forked from the built .js.
if command -v redis-server >/dev/null; then
  npx llm-concurrency-bench bench distributed --requests 12 --no-progress --out results >distributed.txt
  grep -q 'queue-global (worker 0 SIGKILLed)' distributed.txt && [ -s results/distributed.json ]
  echo "distributed suite: ran on worker processes of the installed package ($(grep -c '│ queue-' distributed.txt) queue rows)"
else
  echo "distributed suite: skipped (no redis-server on PATH)"
fi
echo "package check passed"
