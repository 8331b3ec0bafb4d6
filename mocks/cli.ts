/**
 * `llm-concurrency-bench mock [--port 8787] [--host 127.0.0.1] [--profile NAME] [--latency SPEC] [--rpm N]
 * [--tpm N] [--max-inflight N] [--error-rate P] [--seed N] [--api-key KEY]`: serves the mock
 * provider over loopback HTTP until SIGINT/SIGTERM. Prints exactly one line when ready; a
 * bad option prints one line on stderr and exits with code 2.
 */
import { Command, CommanderError } from 'commander';
import { addProviderOptions, parseWhole, providerOptionsFrom } from './cli-options.ts';
import { createMockProvider } from './provider.ts';
import type { HttpServerHandle } from './transports/http.ts';

/** Default `--port`. */
export const DEFAULT_PORT = 8787;

/** Exit code for a bad command line. */
export const EXIT_USAGE = 2;

function createProgram(): Command {
  const program = new Command('llm-concurrency-bench mock')
    .description('Serve the mock OpenAI-compatible LLM provider on a loopback HTTP port.')
    .option('--port <n>', 'TCP port (0 picks a free one)', parseWhole('--port', 0, 65535), DEFAULT_PORT)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--api-key <key>', 'require this API key (Authorization: Bearer KEY)');
  return addProviderOptions(program)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text.split('\n').find((line) => line.trim() !== '') + '\n') });
}

/**
 * Parses `argv`, starts the server and stops it on SIGINT/SIGTERM; returns the exit code on
 * failure. Prints exactly one line when ready; a bad option prints one line on stderr and
 * gives exit code 2.
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
  let provider;
  try {
    provider = createMockProvider({ ...providerOptionsFrom(opts), ...(opts.apiKey === undefined ? {} : { apiKey: opts.apiKey as string }) });
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  const host = opts.host as string;
  const port = opts.port as number;
  let server: HttpServerHandle;
  try {
    server = await provider.listen({ host, port });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? 'the address is in use' : error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: Failed to listen on ${host}:${port}: ${reason}. Please choose another --port or --host.\n`);
    return 1;
  }
  process.stdout.write(`Mock LLM provider listening on ${server.url}\n`);
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void server.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}
