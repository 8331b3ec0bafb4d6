import type { CustomSuiteOutput } from '../bench/suite.ts';
import type { SuiteResult } from '../bench/results.ts';
import { COLUMNS, count, optionalColumns, providerLine, rowCells, scenarioLine, usd } from './format.ts';

const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
const line = (cells: readonly string[]): string => `| ${cells.map(escape).join(' | ')} |`;

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A Markdown report of a strategy suite: scenario, table, tokens and cost, notes. */
export function renderMarkdown(result: SuiteResult): string {
  const real = result.scenario.clock === 'real';
  const parts = [
    `## ${result.suite}`,
    '',
    `${scenarioLine(result)}  `,
    `provider: ${providerLine(result)}`,
  ];
  if (result.calibration) {
    parts.push('', `Calibration: ${(result.calibration.overheadMsPerRequest * 1000).toFixed(0)} µs overhead per request.`);
  }
  const extra = optionalColumns(result);
  parts.push(
    '',
    table(
      [...COLUMNS, ...extra.head, 'prompt tokens', 'completion tokens', 'est. cost'],
      result.rows.map((r) => [...rowCells(r, real), ...extra.cells(r), count(r.tokens.prompt), count(r.tokens.completion), usd(r.costUsd)]),
    ),
  );
  if (result.notes.length > 0) parts.push('', ...result.notes.map((n) => `- ${n}`));
  return `${parts.join('\n')}\n`;
}

/** A Markdown report of a custom suite. */
export function renderCustomMarkdown(output: CustomSuiteOutput): string {
  return `${[`## ${output.title}`, '', table(output.header, output.rows.map((r) => r.map(String))), '', ...output.notes.map((n) => `- ${n}`)].join('\n')}\n`;
}
