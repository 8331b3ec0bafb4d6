/** The custom suites in benchmarks/ (http-load aside): stated targets become failures, Ctrl-C stops them within a second, and they leave no listener warnings. */
import { describe, expect, it } from 'vitest';
import { mockOverheadFailures, runMockOverhead } from '../../benchmarks/mock-overhead.ts';
import { schedulerOverheadFailures } from '../../benchmarks/scheduler-overhead.ts';
import { abortCheckpoint, linkedSignal } from '../../src/bench/abort-points.ts';
import type { CustomSuite } from '../../src/bench/suite.ts';
import { discoverSuites } from '../../src/cli/discover.ts';

describe('mockOverheadFailures()', () => {
  const met = { fetchVsBare: 1.6, interceptVsFetch: 2.5, virtualSimulatedMs: 20_000 };

  it.each([
    ['every target met', met, []],
    ['fetch exactly at its bound', { ...met, fetchVsBare: 2 }, []],
    ['intercept exactly at its bound', { ...met, interceptVsFetch: 1.5 }, []],
    ['virtual run skipped', { ...met, virtualSimulatedMs: null }, []],
    ['fetch too slow', { ...met, fetchVsBare: 2.01 }, [/^fetch \/ bare SDK = 2\.01×, above the target of at most 2×/]],
    ['intercept too close to fetch', { ...met, interceptVsFetch: 1.49 }, [/^intercept \/ fetch = 1\.49×, below the target of at least 1\.5×/]],
    ['virtual makespan off', { ...met, virtualSimulatedMs: 20_001 }, [/took 20001 ms of simulated time, expected exactly 20000 ms$/]],
    ['NaN figures never meet a target', { ...met, fetchVsBare: Number.NaN, interceptVsFetch: Number.NaN }, [/^fetch \/ bare SDK = NaN×/, /^intercept \/ fetch = NaN×/]],
    ['all three', { fetchVsBare: 3, interceptVsFetch: 1, virtualSimulatedMs: 0 }, [/^fetch/, /^intercept/, /^virtual clock/]],
  ] as const)('%s', (_, figures, expected) => {
    const failures = mockOverheadFailures(figures);
    expect(failures).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(failures[i]).toMatch(pattern));
    for (const line of failures) expect(line).not.toContain('\n');
  });
});

describe('schedulerOverheadFailures()', () => {
  const row = (subject: 'abatch' | 'gatherWithConcurrency' | 'p-limit', concurrency: number, vsPLimit: number) => ({ subject, concurrency, vsPLimit });

  it('is empty when each of ours is at most p-limit, bound included', () => {
    expect(schedulerOverheadFailures([row('abatch', 10, 0.03), row('gatherWithConcurrency', 10, 1), row('p-limit', 10, 1)])).toEqual([]);
  });

  it('names each row of ours above p-limit, and never p-limit itself', () => {
    expect(schedulerOverheadFailures([
      row('abatch', 10, 1.001), row('gatherWithConcurrency', 10, 0.5), row('p-limit', 10, 1),
      row('abatch', 1000, 0.9), row('gatherWithConcurrency', 1000, Number.NaN), row('p-limit', 1000, 2),
    ])).toEqual([
      'abatch at concurrency 10 took 1.001× p-limit\'s mean time, above the target of at most 1×',
      'gatherWithConcurrency at concurrency 1000 took NaN× p-limit\'s mean time, above the target of at most 1×',
    ]);
  });
});

describe('abort points', () => {
  it('linkedSignal() follows its parent until disposed', () => {
    const parent = new AbortController();
    const child = linkedSignal(parent.signal);
    child.dispose();
    parent.abort();
    expect(child.signal.aborted).toBe(false);
    const second = new AbortController();
    const followed = linkedSignal(second.signal);
    second.abort(new Error('stop'));
    expect(followed.signal.reason).toEqual(new Error('stop'));
  });

  it('abortCheckpoint() throws the reason once the signal aborts', async () => {
    const controller = new AbortController();
    const checkpoint = abortCheckpoint(controller.signal, 0);
    await checkpoint();
    controller.abort(new DOMException('Interrupted by the user', 'AbortError'));
    await expect(checkpoint()).rejects.toMatchObject({ name: 'AbortError' });
  });
});

const custom = [...(await discoverSuites()).values()].filter((s): s is CustomSuite => s.kind === 'custom' && s.name !== 'http-load');

describe('every custom suite stops within a second of an abort', () => {
  it('finds the custom suites', () => {
    expect(custom.map((s) => s.name)).toEqual(expect.arrayContaining(['mock-overhead', 'scheduler-overhead']));
  });

  // A real-clock margin, not a speed assertion: the run stops at its next checkpoint.
  it.each(custom.map((s) => [s.name, s] as const))('%s settles within 1.5 s of an abort at 200 ms, with an AbortError', async (_, suite) => {
    const controller = new AbortController();
    const started = performance.now();
    const timer = setTimeout(() => controller.abort(new DOMException('Interrupted by the user', 'AbortError')), 200);
    let abortedAt = Number.NaN;
    controller.signal.addEventListener('abort', () => (abortedAt = performance.now()));
    const outcome = await suite.run({ seed: 1, signal: controller.signal }).then(() => null, (error: unknown) => error);
    const settledAt = performance.now();
    clearTimeout(timer);
    expect(outcome).toMatchObject({ name: 'AbortError' });
    expect(abortedAt - started).toBeGreaterThanOrEqual(190);
    expect(settledAt - abortedAt).toBeLessThan(1500);
  }, 30_000);
});

describe('mock-overhead leaves no listener warnings', () => {
  it('runs several rounds on one signal without a MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      await runMockOverhead({ iterations: 3, warmupIterations: 1, rounds: 5, virtualRun: false, signal: controller.signal });
      // Warnings are emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  }, 30_000);
});
