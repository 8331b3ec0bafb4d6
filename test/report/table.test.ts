import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/bench/run-suite.ts';
import { defineSuite } from '../../src/bench/suite.ts';
import { COLUMNS, wrapLine } from '../../src/report/format.ts';
import { renderTable, TABLE_WIDTH } from '../../src/report/table.ts';

const longest = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));

describe('wrapLine()', () => {
  it('breaks between · parts, then between words, and indents what follows', () => {
    expect(wrapLine('a · b · c', 80)).toEqual(['a · b · c']);
    expect(wrapLine('alpha · beta · gamma', 12)).toEqual(['alpha · beta', '  gamma']);
    expect(wrapLine('one two three four five', 9)).toEqual(['one two', '  three', '  four', '  five']);
  });
});

describe('renderTable()', () => {
  const suite = defineSuite({
    name: 'a-suite-with-a-rather-long-name',
    description: 'wide rows',
    requests: 20,
    iterations: 2,
    provider: { rpm: 60 },
    rows: [
      { name: 'serial', strategy: 'serial' },
      { name: 'a-row-name-as-long-as-people-write-them', strategy: 'abatch', options: { maxConcurrency: null, retry: 'with-retry' } },
      { name: 'paced', strategy: 'rateLimited', options: { rpm: 'provider', tpm: 'provider' } },
    ],
    analyze: () => ['a note that goes on for a while: '.repeat(8)],
  });

  it(`fits ${TABLE_WIDTH} characters by default, notes and scenario lines included`, async () => {
    const text = renderTable(await runSuite(suite));
    expect(longest(text)).toBeLessThanOrEqual(TABLE_WIDTH);
    expect(text, 'a long row name wraps inside its cell').toMatch(/│ a-row-name-as-long-as-people-wri[^\n]*\n│ te-them /);
    expect(text).toMatch(/speedup \(95% CI\)/);
  });

  it('shows every column with wide', async () => {
    const text = renderTable(await runSuite(suite), { wide: true });
    for (const column of COLUMNS) expect(text).toContain(column);
    expect(longest(text)).toBeGreaterThan(TABLE_WIDTH);
  });
});
