import { createMockProvider, type MockProviderOptions } from '../../mocks/index.ts';
import { realClock } from '../core/real-clock.ts';
import { connect, type TransportName } from './connect.ts';
import { chatTask, SUMMARIZE } from './default-task.ts';
import { createDocuments } from './workload.ts';

/** Options for {@link calibrateOverhead}. */
export interface CalibrationOptions extends MockProviderOptions {
  transport: TransportName;
  model: string;
  /** Measured requests (after a warm-up of a quarter as many). @default 200 */
  samples?: number;
}

/** What one request costs the harness with zero latency: SDK, transport, mock. */
export interface Calibration {
  overheadMsPerRequest: number;
  samples: number;
}

/**
 * Measures the per-request overhead of the real-clock path by sending `samples`
 * zero-latency requests one after another through the same transport and SDK. The
 * harness subtracts it from measured service times and predicts its share of each
 * makespan.
 */
export async function calibrateOverhead(options: CalibrationOptions): Promise<Calibration> {
  const { transport, model, samples = 200, ...providerOptions } = options;
  const provider = createMockProvider({
    ...providerOptions,
    latency: '0ms',
    rpm: null,
    tpm: null,
    maxInFlight: null,
    load: null,
    faults: {},
    errorRate: 0,
    clock: realClock,
    timeScale: 1,
  });
  const connection = await connect(provider, transport);
  try {
    const task = chatTask(connection.client, model, SUMMARIZE);
    const docs = createDocuments(8, 7);
    // A fresh signal per request: the SDK leaves a listener on the signal it is given.
    const send = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i++) await task(docs[i % docs.length]!, { signal: new AbortController().signal, attempt: 1, index: i });
    };
    await send(Math.max(10, Math.ceil(samples / 4)));
    const start = performance.now();
    await send(samples);
    return { overheadMsPerRequest: (performance.now() - start) / samples, samples };
  } finally {
    await connection.close();
  }
}
