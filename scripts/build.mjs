// Builds dist/: JavaScript and .d.ts from src/, mocks/ and benchmarks/ with tsc, plus the
// plain .mjs helpers the built-in suites start as child processes.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
for (const file of readdirSync(new URL('../benchmarks', import.meta.url)).filter((f) => f.endsWith('.mjs'))) {
  copyFileSync(new URL(`../benchmarks/${file}`, import.meta.url), new URL(`../dist/benchmarks/${file}`, import.meta.url));
}
