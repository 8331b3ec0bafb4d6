/**
 * A run that cannot go on for a reason outside the code and outside the user's input —
 * its worker processes died, a service it needs stopped answering. The CLI prints its
 * message as one line (no stack) and exits 1.
 */
export class RunFailure extends Error {
  override readonly name: string = 'RunFailure';
}
