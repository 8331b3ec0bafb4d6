// Refreshes the pasted output under each `<!-- output: examples/… -->` and
// `<!-- command: … -->` marker in README.md and docs/*.md with what the code prints now.
// test/examples.test.ts checks that they match. Usage: node scripts/paste-outputs.mjs [files…]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = (args) => execFileSync(process.execPath, ['--conditions=llm-concurrency-bench-source', '--import', 'tsx', ...args], { cwd: root, encoding: 'utf8' });
const out = () => mkdtempSync(join(tmpdir(), 'paste-'));
const files = process.argv.length > 2 ? process.argv.slice(2) : ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
for (const file of files) {
  const before = readFileSync(join(root, file), 'utf8');
  const after = before
    .replace(/<!-- output: (examples\/[\w.-]+) -->\n```(\w*)\n[\s\S]*?```/g, (_m, example, lang) => {
      const printed = example.endsWith('.bench.ts')
        ? node(['src/cli.ts', 'bench', example, '--format', 'markdown', '--out', out()])
        : node([example]);
      return `<!-- output: ${example} -->\n\`\`\`${lang}\n${printed.trimEnd()}\n\`\`\``;
    })
    .replace(/<!-- command: ([^>]+?) -->\n```(\w*)\n[\s\S]*?```/g, (_m, args, lang) => {
      const argv = args.split(' ').filter((a) => a !== '');
      const extra = argv[0] === 'bench' && !argv.includes('--help') && !argv.includes('--list') ? ['--out', out()] : [];
      const printed = node(['src/cli.ts', ...argv, ...extra]);
      return `<!-- command: ${args} -->\n\`\`\`${lang}\n$ npx llm-concurrency-bench ${args}\n${printed.trimEnd()}\n\`\`\``;
    });
  if (after !== before) {
    writeFileSync(join(root, file), after);
    console.log(`updated ${file}`);
  }
}
