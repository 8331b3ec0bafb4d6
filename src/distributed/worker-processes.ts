/**
 * Starts and stops the K worker processes of a distributed run. Each is a separate Node
 * process (`child_process.fork` of `worker-main`): the `.ts` source through tsx in this
 * repository, the built `.js` when installed. None outlives its parent: each exits when its
 * IPC channel closes, and the parent kills any still running when it exits.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerConfig, WorkerMessage } from './worker-config.ts';

/** Thrown when a worker process fails to start or reports a failure. */
export class WorkerStartError extends Error {
  override readonly name = 'WorkerStartError';
}

/** The running workers of one run. */
export interface WorkerProcesses {
  /** Process ids, by worker number. */
  readonly pids: readonly number[];
  /** Kills one worker at once (SIGKILL), as a crash would. */
  kill(id: number): void;
  /** Asks every worker to stop, waits up to `graceMs`, then kills the rest; resolves when all have exited. */
  stop(graceMs?: number): Promise<void>;
}

const SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = fileURLToPath(new URL(SOURCE ? './worker-main.ts' : './worker-main.js', import.meta.url));
/** Repository root (the source tree), where `tsx` resolves from. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Forks one worker process per config and resolves once every one is connected to its
 * queue. Aborting `signal` (or a worker failing to start) kills them all.
 */
export async function startWorkers(configs: readonly WorkerConfig[], signal?: AbortSignal, startTimeoutMs = 60_000): Promise<WorkerProcesses> {
  const execArgv = SOURCE ? ['--conditions=llm-concurrency-bench-source', '--import', 'tsx'] : [];
  const children = configs.map((config) =>
    fork(ENTRY, [JSON.stringify(config)], { cwd: SOURCE ? ROOT : process.cwd(), execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' }),
  );
  const killAll = (): void => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const stop = async (graceMs = 5_000): Promise<void> => {
    for (const child of children) if (child.connected) child.send({ type: 'stop' });
    const timer = setTimeout(killAll, graceMs);
    await Promise.all(children.map(exited));
    clearTimeout(timer);
    process.removeListener('exit', killAll);
  };
  try {
    await Promise.all(
      children.map(
        (child, id) =>
          new Promise<void>((resolve, reject) => {
            const done = (error?: unknown): void => {
              clearTimeout(timer);
              signal?.removeEventListener('abort', onAbort);
              if (error === undefined) resolve();
              else reject(error);
            };
            const timer = setTimeout(() => done(new WorkerStartError(`Failed to start worker ${id}: not ready after ${startTimeoutMs} ms.`)), startTimeoutMs);
            const onAbort = (): void => done(signal?.reason);
            signal?.addEventListener('abort', onAbort, { once: true });
            child.on('message', (message: WorkerMessage) => {
              if (message.type === 'ready') done();
              else done(new WorkerStartError(`Failed to start worker ${id}: ${message.message}`));
            });
            child.once('exit', (code) => done(new WorkerStartError(`Failed to start worker ${id}: it exited with code ${code}.`)));
          }),
      ),
    );
  } catch (error) {
    await stop(0);
    throw error;
  }
  return {
    pids: children.map((child) => child.pid ?? -1),
    kill: (id) => void children[id]?.kill('SIGKILL'),
    stop,
  };
}
