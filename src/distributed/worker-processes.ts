/**
 * Starts and stops the K worker processes of a distributed run. Each is a separate Node
 * process (`child_process.fork` of `worker-main`): the `.ts` source through tsx in this
 * repository, the built `.js` when installed. None outlives its parent: each exits when its
 * IPC channel closes, and the parent kills any still running when it exits.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RunFailure } from '../bench/run-failure.ts';
import type { ParentMessage, WorkerConfig, WorkerMessage } from './worker-config.ts';

/** Thrown when a worker process fails to start or reports a failure. */
export class WorkerStartError extends RunFailure {
  override readonly name: string = 'WorkerStartError';
}

/** Thrown when every worker process has exited while the run still had inputs to settle. */
export class WorkersExitedError extends RunFailure {
  override readonly name: string = 'WorkersExitedError';
}

/** The running workers of one run. */
export interface WorkerProcesses {
  /** Process ids, by worker number. */
  readonly pids: readonly number[];
  /** Kills one worker at once (SIGKILL), as a crash would. */
  kill(id: number): void;
  /** Asks every worker to stop, waits up to `graceMs`, then kills the rest; resolves when all have exited. */
  stop(graceMs?: number): Promise<void>;
  /**
   * Resolves once every worker has exited, with a {@link WorkersExitedError} naming each exit
   * code: before the run's end that is its failure (nothing is left to settle its inputs).
   */
  readonly allExited: Promise<WorkersExitedError>;
  /** Failures the workers reported after they were ready (BullMQ worker errors, process errors), `worker N: message`. */
  readonly errors: readonly string[];
}

const SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = fileURLToPath(new URL(SOURCE ? './worker-main.ts' : './worker-main.js', import.meta.url));
/** Repository root (the source tree), where `tsx` resolves from. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

const MAX_ERRORS = 20;

/** How a child ended: its exit code, or the signal that killed it. */
const exitOf = (child: ChildProcess): string => (child.signalCode ?? String(child.exitCode));

/** Sends `message` if the channel is open; a failed send (the child just died) is not an error here. */
function tell(child: ChildProcess, message: ParentMessage): void {
  if (child.connected) child.send(message, () => undefined);
}

/**
 * Forks one worker process per config and resolves once every one is connected to its
 * queue. Aborting `signal` (or a worker failing to start) kills them all.
 */
export async function startWorkers(configs: readonly WorkerConfig[], signal?: AbortSignal, startTimeoutMs = 60_000): Promise<WorkerProcesses> {
  signal?.throwIfAborted();
  const execArgv = SOURCE ? ['--conditions=llm-concurrency-bench-source', '--import', 'tsx'] : [];
  // No config in argv: `ps` shows argv, and it carries the API key. It goes over IPC below.
  const children = configs.map(() =>
    fork(ENTRY, [], { cwd: SOURCE ? ROOT : process.cwd(), execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' }),
  );
  const errors: string[] = [];
  // The first few are enough to say what went wrong; a Redis outage repeats one error many times.
  const keep = (error: string): void => {
    if (errors.length < MAX_ERRORS) errors.push(error);
  };
  let stopping = false;
  // A fork that failed, or a signal that could not be delivered: kept for the run; on the way out, nothing to do.
  children.forEach((child, id) =>
    child.on('error', (error) => {
      if (!stopping) keep(`worker ${id}: ${error.message}`);
    }),
  );
  const allExited = Promise.all(children.map(exited)).then(
    () => new WorkersExitedError(`all ${children.length} workers exited before every input settled (exit ${children.map((c, id) => `worker ${id}: ${exitOf(c)}`).join(', ')})${errors.length > 0 ? `; last error: ${errors.at(-1)!}` : ''}.`),
  );
  const killAll = (): void => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const stop = async (graceMs = 5_000): Promise<void> => {
    stopping = true;
    for (const child of children) tell(child, { type: 'stop' });
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
            let ready = false;
            child.send({ type: 'config', config: configs[id]! } satisfies ParentMessage, (error) => {
              if (error) done(new WorkerStartError(`Failed to start worker ${id}: its configuration could not be sent (${error.message}).`));
            });
            child.on('message', (message: WorkerMessage) => {
              if (message.type === 'ready') {
                ready = true;
                done();
              } else if (ready) keep(`worker ${id}: ${message.message}`);
              else done(new WorkerStartError(`Failed to start worker ${id}: ${message.message}`));
            });
            child.once('error', (error) => {
              if (!ready) done(new WorkerStartError(`Failed to start worker ${id}: ${error.message}`));
            });
            child.once('exit', (code, exitSignal) => {
              if (!ready) done(new WorkerStartError(`Failed to start worker ${id}: it exited with ${exitSignal ?? `code ${code}`}.`));
            });
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
    allExited,
    errors,
  };
}
