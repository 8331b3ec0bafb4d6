import Table from 'cli-table3';
import type { CustomSuiteOutput } from '../bench/suite.ts';
import type { SuiteResult } from '../bench/results.ts';
import { COLUMNS, NARROW_COLUMNS, narrowRowCells, optionalColumns, providerLine, rowCells, scenarioLine, wrapLine } from './format.ts';

function makeTable(head: readonly string[], color: boolean, colWidths?: Array<number | null>): Table.Table {
  // cli-table3 colours borders and headers even when piped; turn styles off unless asked.
  return new Table({
    head: [...head],
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [], compact: false },
    ...(colWidths ? { colWidths, wordWrap: true, wrapOnWordBoundary: false } : {}),
  });
}

/**
 * Column widths that keep the table within `width` by wrapping the first column (row
 * names) when it is too long; undefined when it already fits.
 */
function fittingWidths(head: readonly string[], rows: readonly string[][], width: number): Array<number | null> | undefined {
  const widths = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)) + 2);
  const total = widths.reduce((a, b) => a + b, 0) + head.length + 1;
  if (total <= width) return undefined;
  return [Math.max(12, widths[0]! - (total - width)), ...widths.slice(1).map(() => null)];
}

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** ANSI colours for a terminal. @default false */
  color?: boolean;
  /** Every column (about 290 characters wide) instead of the seven that fit 120. @default false */
  wide?: boolean;
}

/** The width the default table and its text lines keep within. */
export const TABLE_WIDTH = 120;

/**
 * The terminal table of a strategy suite, with its scenario lines and notes. By default
 * seven columns and every line within {@link TABLE_WIDTH} characters; `wide` shows all.
 */
export function renderTable(result: SuiteResult, options: TableOptions = {}): string {
  const { color = false, wide = false } = options;
  const real = result.scenario.clock === 'real';
  const extra = optionalColumns(result);
  const head = wide ? [...COLUMNS, ...extra.head] : NARROW_COLUMNS;
  const cells = result.rows.map((row) => (wide ? [...rowCells(row, real), ...extra.cells(row)] : narrowRowCells(row)));
  const table = makeTable(head, color, wide ? undefined : fittingWidths(head, cells, TABLE_WIDTH));
  for (const row of cells) table.push(row);
  const text = [scenarioLine(result), `provider: ${providerLine(result)}`];
  if (result.calibration) {
    text.push(`calibration: ${(result.calibration.overheadMsPerRequest * 1000).toFixed(0)} µs overhead per request (${result.calibration.samples} zero-latency requests)`);
  }
  const fit = (lines: string[]): string[] => (wide ? lines : lines.flatMap((l) => wrapLine(l, TABLE_WIDTH)));
  const lines = [...fit(text), table.toString(), ...fit(result.notes)];
  if (!wide) lines.push('(more columns: --wide, or the .md and .json files)');
  return `${lines.join('\n')}\n`;
}

/** The terminal table of a custom suite. */
export function renderCustomTable(output: CustomSuiteOutput, color: boolean): string {
  const table = makeTable(output.header, color);
  for (const row of output.rows) table.push(row.map(String));
  return `${[output.title, table.toString(), ...output.notes].join('\n')}\n`;
}
