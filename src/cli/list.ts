import { resolveStrategy, STRATEGIES } from '../bench/strategy-registry.ts';
import type { Suite } from '../bench/suite.ts';

/** The `list` text: every suite with its rows, then the built-in strategies a row can name. */
export function listText(suites: ReadonlyMap<string, Suite>): string {
  const lines: string[] = ['Suites:'];
  for (const suite of suites.values()) {
    lines.push(`${suite.name} — ${suite.description}`);
    if (suite.kind !== 'custom') {
      for (const row of suite.rows) {
        const options = Object.entries(row.options ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(' ');
        lines.push(`  ${row.name.padEnd(24)} ${resolveStrategy(row.strategy).name}${options ? ` (${options})` : ''}`);
      }
    }
  }
  lines.push('', 'Strategies a row can name:');
  for (const strategy of Object.values(STRATEGIES)) {
    const options = strategy.options.length > 0 ? ` [${strategy.options.join(', ')}]` : '';
    lines.push(`  ${strategy.name.padEnd(22)} ${strategy.description}${options}`);
  }
  return `${lines.join('\n')}\n`;
}
