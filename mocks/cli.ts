/**
 * `llm-concurrency-bench mock [--port 8787] [--host 127.0.0.1] [--profile NAME] [--latency SPEC] [--rpm N]
 * [--tpm N] [--max-inflight N] [--error-rate P] [--seed N] [--api-key KEY] [--drain-timeout D]
 * [--log-file PATH] [--models LIST]`: serves the mock provider over loopback HTTP until SIGINT/SIGTERM, then
 * drains. Prints one line when ready and one when stopped; a bad option prints one line on
 * stderr and exits with code 2.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { DurationSyntaxError, parseDuration } from '../src/core/index.ts';
import { addProviderOptions, parseModelsOption, parseWhole, providerOptionsFrom } from './cli-options.ts';
import { JsonLinesLog, LogFileError } from './log-file.ts';
import { createMockProvider } from './provider.ts';
import { keepServerHeapSmall } from './server-heap.ts';
import type { HttpCloseResult, HttpServerHandle } from './transports/http.ts';

/** Default `--port`. */
export const DEFAULT_PORT = 8787;

/** Exit code for a bad command line. */
export const EXIT_USAGE = 2;

/** Exit code when a second signal stops the drain. */
export const EXIT_INTERRUPTED = 130;

/** Default `--drain-timeout`. */
export const DEFAULT_DRAIN_TIMEOUT = '30s';

/** Parses `--drain-timeout`: a duration with a unit (`500ms`, `30s`), or `0`. */
const parseDrainTimeout = (value: string): number => {
  try {
    return parseDuration(value);
  } catch (error) {
    if (error instanceof DurationSyntaxError) throw new InvalidArgumentError(`--drain-timeout must be a duration such as 500ms, 30s or 0: ${error.reason}.`);
    throw error;
  }
};

/** A parser for a flag whose value may not be empty or blank. */
const nonEmpty = (flag: string, what: string) => (value: string): string => {
  if (value.trim() === '') throw new InvalidArgumentError(`${flag} must name ${what}, got an empty string.`);
  return value;
};

function createProgram(): Command {
  const program = new Command('llm-concurrency-bench mock')
    .description('Serve the mock OpenAI-compatible LLM provider on a loopback HTTP port.')
    .option('--port <n>', 'TCP port (0 picks a free one)', parseWhole('--port', 0, 65535), DEFAULT_PORT)
    .option('--host <host>', 'interface to bind', nonEmpty('--host', 'an interface such as 127.0.0.1 (0.0.0.0 for all)'), '127.0.0.1')
    .option('--api-key <key>', 'require this API key (Authorization: Bearer KEY)', nonEmpty('--api-key', 'the key clients must send'))
    .addOption(
      new Option('--drain-timeout <duration>', 'on SIGINT/SIGTERM, how long requests in flight may finish before the rest get 503 (0 = at once)')
        .argParser(parseDrainTimeout)
        .default(parseDuration(DEFAULT_DRAIN_TIMEOUT), DEFAULT_DRAIN_TIMEOUT),
    )
    .option('--log-file <path>', 'append every request log entry to this file as one JSON line', nonEmpty('--log-file', 'a file'))
    .option('--models <list>', 'model ids to serve: a,b replaces the defaults, +a,b adds to them, * accepts any id', parseModelsOption);
  return addProviderOptions(program)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(`${text.split('\n').find((line) => line.trim() !== '')?.replace(/^error: /, 'mock: ')}\n`) });
}

/** The line printed when the server has stopped. */
export function stoppedLine(result: HttpCloseResult): string {
  const refused = result.refused > 0 ? `, ${result.refused} new ${result.refused === 1 ? 'request' : 'requests'} refused with 503` : '';
  return `Mock LLM provider stopped: ${result.drained} in-flight ${result.drained === 1 ? 'request' : 'requests'} drained, ${result.cut} cut with 503${refused}.\n`;
}

/**
 * Parses `argv`, starts the server and, on SIGINT/SIGTERM, stops accepting, drains for up to
 * `--drain-timeout`, prints one line and lets the process exit with code 0; a second signal
 * during the drain exits at once with code 130. Returns the exit code on failure. A bad
 * option (a `--log-file` that cannot be opened included) prints one line on stderr and gives
 * exit code 2, before listening.
 */
export async function main(argv: readonly string[]): Promise<number | HttpServerHandle> {
  const program = createProgram();
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : EXIT_USAGE;
    throw error;
  }
  const opts = program.opts<Record<string, unknown>>();
  let logFile: JsonLinesLog | undefined;
  let provider;
  try {
    logFile = opts.logFile === undefined ? undefined : new JsonLinesLog(opts.logFile as string);
    provider = createMockProvider({
      ...providerOptionsFrom(opts),
      ...(opts.apiKey === undefined ? {} : { apiKey: opts.apiKey as string }),
      ...(logFile === undefined ? {} : { onRequestLogged: (entry) => logFile!.write(entry) }),
    });
  } catch (error) {
    logFile?.close();
    if (!(error instanceof TypeError || error instanceof LogFileError)) throw error;
    process.stderr.write(`mock: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const host = opts.host as string;
  const port = opts.port as number;
  let server: HttpServerHandle;
  try {
    server = await provider.listen({ host, port });
  } catch (error) {
    logFile?.close();
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'the address is in use' : error instanceof Error ? error.message : String(error);
    process.stderr.write(`mock: Failed to listen on ${host}:${port}: ${reason}. Please choose another --port or --host.\n`);
    return 1;
  }
  keepServerHeapSmall();
  process.stdout.write(`Mock LLM provider listening on ${server.url}\n`);
  const drainTimeoutMs = opts.drainTimeout as number;
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      logFile?.close();
      process.stderr.write('Mock LLM provider: second signal during the drain, exiting at once.\n');
      process.exit(EXIT_INTERRUPTED);
    }
    stopping = true;
    void server.close({ drainTimeoutMs }).then((result) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      logFile?.close();
      process.stdout.write(stoppedLine(result));
      if (logFile?.error) {
        process.stderr.write(`mock: ${logFile.error.message}\n`);
        process.exitCode = 1;
      }
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}
