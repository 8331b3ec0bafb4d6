import Table from 'cli-table3';
import type { CustomSuiteOutput } from '../bench/suite.ts';
import type { SuiteResult } from '../bench/results.ts';
import { COLUMNS, providerLine, rowCells, scenarioLine } from './format.ts';

function makeTable(head: readonly string[], color: boolean): Table.Table {
  // cli-table3 colours borders and headers even when piped; turn styles off unless asked.
  return new Table({
    head: [...head],
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [], compact: false },
  });
}

/** The terminal table of a strategy suite, with its scenario lines and notes. */
export function renderTable(result: SuiteResult, color: boolean): string {
  const table = makeTable(COLUMNS, color);
  const real = result.scenario.clock === 'real';
  for (const row of result.rows) table.push(rowCells(row, real));
  const lines = [scenarioLine(result), `provider: ${providerLine(result)}`];
  if (result.calibration) {
    lines.push(`calibration: ${(result.calibration.overheadMsPerRequest * 1000).toFixed(0)} µs overhead per request (${result.calibration.samples} zero-latency requests)`);
  }
  lines.push(table.toString(), ...result.notes);
  return `${lines.join('\n')}\n`;
}

/** The terminal table of a custom suite. */
export function renderCustomTable(output: CustomSuiteOutput, color: boolean): string {
  const table = makeTable(output.header, color);
  for (const row of output.rows) table.push(row.map(String));
  return `${[output.title, table.toString(), ...output.notes].join('\n')}\n`;
}
