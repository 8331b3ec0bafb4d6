/**
 * `bench --target openai`: the API key from the environment, the checks and the request
 * budget before anything is sent, the cost estimate, and output that never shows the key.
 */
import { redact } from '../bench/redact.ts';
import { checkBudget, estimateRun, type RunEstimate } from '../bench/run-estimate.ts';
import { runShape } from '../bench/run-shape.ts';
import type { Suite } from '../bench/suite.ts';
import { OpenAITarget } from '../bench/target.ts';
import { UsageError } from '../bench/usage-error.ts';
import type { BenchArgs } from './args.ts';
import type { Io } from './io.ts';

/** `--max-requests` with `--target openai` when none is given. */
export const DEFAULT_MAX_REQUESTS = 1000;

/** The API key `--api-key-env` names (default `OPENAI_API_KEY`); a {@link UsageError} when it is unset or empty. */
export function apiKeyFrom(args: BenchArgs, env: NodeJS.ProcessEnv): string {
  const key = env[args.apiKeyEnv];
  if (key === undefined || key === '') {
    throw new UsageError(`--target openai needs an API key in the environment variable ${args.apiKeyEnv}, which is ${key === undefined ? 'not set' : 'empty'} (name another one with --api-key-env; a local server that checks none takes any value).`);
  }
  if (key.length >= SECRET_LENGTH && containsLoosely(args.baseUrl, key)) {
    throw new UsageError('--base-url contains the API key; it would be stored in the results. Give the key only in the environment variable.');
  }
  return key;
}

/** True when `text` holds `secret` in any letter case, percent-encoded or not. */
function containsLoosely(text: string, secret: string): boolean {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // A malformed escape: compare the text as it is.
  }
  const needle = secret.toLowerCase();
  return text.toLowerCase().includes(needle) || decoded.toLowerCase().includes(needle);
}

/** The endpoint a suite's rows run against: `--model`, else the suite's own model. */
export function targetFor(args: BenchArgs, suite: Suite, key: string | undefined): OpenAITarget | undefined {
  if (key === undefined) return undefined;
  const model = args.model ?? (suite.kind === 'custom' ? undefined : suite.model) ?? 'gpt-4o-mini';
  return new OpenAITarget(args.baseUrl, model, key, args.requestTimeoutMs);
}

const requestsWord = (n: number): string => `${n} ${n === 1 ? 'request' : 'requests'}`;
const usd = (x: number): string => `$${x < 0.01 ? x.toFixed(4) : x.toFixed(2)}`;

/** The cost line of one suite's estimate. */
function costLine(e: RunEstimate): string {
  if (e.costUsd === null) return `bench: ${e.suite}: cost unknown for ${e.model} (no list price known for it).`;
  const each = `~${Math.round(e.promptTokensPerRequest)} prompt + ≤${Math.round(e.completionTokensPerRequest)} completion tokens`;
  return `bench: ${e.suite}: estimated cost ${usd(e.costUsd.requests)} (${requestsWord(e.requests)} × ${each} at ${e.model} list prices), at most ${usd(e.costUsd.worstCase)} if every retry is taken.`;
}

/**
 * Before a run sends anything: refuses custom suites against a real endpoint, works out
 * each suite's requests, refuses a run whose worst case exceeds `--max-requests` (one line,
 * exit 2, nothing sent) and, for a real endpoint, prints the budget and the estimated cost
 * on stderr.
 */
export async function preflight(selected: readonly Suite[], args: BenchArgs, key: string | undefined, io: Io): Promise<void> {
  // The mock without a budget needs no estimate (which draws the whole workload), only the checks.
  const estimating = key !== undefined || args.maxRequests !== undefined;
  const estimates: RunEstimate[] = [];
  for (const suite of selected) {
    if (suite.kind === 'custom') {
      if (key !== undefined) throw new UsageError(`\`${suite.name}\` measures the mock and the harness, not an endpoint; it runs only with --target mock.`);
      continue;
    }
    const options = { ...args, target: targetFor(args, suite, key) };
    if (estimating) estimates.push(await estimateRun(suite, options));
    else runShape(suite, options);
  }
  if (!estimating) return;
  const budget = args.maxRequests ?? (key !== undefined ? DEFAULT_MAX_REQUESTS : undefined);
  const which = args.maxRequests === undefined ? `--max-requests ${budget} (the default with --target openai)` : `--max-requests ${budget}`;
  if (budget !== undefined) checkBudget(estimates, budget, which);
  if (key === undefined) return;
  const worst = estimates.reduce((s, e) => s + e.worstCaseRequests, 0);
  io.stderr.write(`bench: target openai at ${args.baseUrl}: at most ${requestsWord(worst)} with every retry, within ${which}.\n`);
  for (const e of estimates) io.stderr.write(`${costLine(e)}\n`);
}


/** Keys shorter than this are placeholders for local servers that check none, not secrets (and would garble output). */
const SECRET_LENGTH = 8;

/**
 * `io` with `secret` taken out of everything written to stdout and stderr: a last guard,
 * should an error message or a suite's note ever carry the key.
 */
export function redactingIo(io: Io, secret: string | undefined): Io {
  if (secret === undefined || secret.length < SECRET_LENGTH) return io;
  const wrap = (stream: NodeJS.WriteStream): NodeJS.WriteStream =>
    new Proxy(stream, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (property !== 'write') return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        return (chunk: unknown, ...rest: unknown[]): boolean =>
          (target.write as (...args: unknown[]) => boolean).call(target, typeof chunk === 'string' ? redact(chunk, secret) : chunk, ...rest);
      },
    });
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}
