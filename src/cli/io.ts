/** The streams and environment a command writes to; tests pass fakes. */
export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

/** The process's own streams and environment. */
export const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });
