/**
 * A problem with what the user asked for (unknown suite, strategy, flag value). The CLI
 * prints its message as one line and exits with code 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
