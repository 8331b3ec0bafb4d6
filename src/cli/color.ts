/** Whether to colour: only on a TTY, never with NO_COLOR set or `--no-color`. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env, flag = true): boolean {
  return flag && stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
