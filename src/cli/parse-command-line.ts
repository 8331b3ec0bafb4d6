/** Commander the way every command of the CLI uses it: nothing printed by commander itself, help and errors handed back. */
import { CommanderError, type Command } from 'commander';
import { UsageError } from '../bench/usage-error.ts';

/** Makes `program` hand help and errors back to its caller instead of printing them or exiting. */
export function quietProgram(program: Command): Command {
  return program
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

/**
 * Parses `argv` (after the command name) with a quiet `program`. `--help` comes back as
 * `{ help: text }`; anything commander rejects becomes a {@link UsageError} with its
 * one-line message; null when the options are parsed and ready in `program`.
 */
export function parseCommandLine(program: Command, argv: readonly string[]): { help: string } | null {
  try {
    program.parse([...argv], { from: 'user' });
    return null;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return { help: program.helpInformation() };
      throw new UsageError(error.message.replace(/^error: /, ''));
    }
    throw error;
  }
}
