/**
 * The `--log-file` sink of `llm-concurrency-bench mock`: every request log entry appended to a
 * file as one JSON line, in batches, with bounded memory.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { RequestLogEntry } from './engine/request-log.ts';

/** Lines are written once this many characters are pending (and at the end of each event-loop turn). */
const FLUSH_CHARS = 64 * 1024;

/** Thrown when the log file cannot be opened or written; the message is one line. */
export class LogFileError extends Error {
  override readonly name = 'LogFileError';
  constructor(
    /** The path as given. */
    readonly path: string,
    /** The system error code, e.g. `ENOENT`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function failure(path: string, action: string, error: unknown): LogFileError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const why: Record<string, string> = { ENOENT: 'its folder does not exist', EACCES: 'permission denied', EISDIR: 'it is a folder', EROFS: 'the file system is read-only', ENOSPC: 'the disk is full' };
  return new LogFileError(path, code, `Failed to ${action} --log-file "${path}": ${why[code] ?? code}. Please give a writable file path.`);
}

/**
 * Appends request log entries to a file as JSON lines. Lines are batched and written with
 * synchronous writes, at most {@link FLUSH_CHARS} characters at a time and at the end of each
 * event-loop turn, so memory stays bounded whatever the request rate and the file is complete
 * when {@link close} returns.
 */
export class JsonLinesLog {
  readonly path: string;
  readonly #fd: number;
  #pending = '';
  #scheduled = false;
  #closed = false;
  /** The first write error, if any; later entries are dropped. */
  error: LogFileError | null = null;

  /**
   * Opens (creates or appends to) `path`.
   * @throws {LogFileError} when the file cannot be opened.
   */
  constructor(path: string) {
    this.path = path;
    try {
      this.#fd = openSync(path, 'a');
    } catch (error) {
      throw failure(path, 'open', error);
    }
  }

  /** Queues one entry as a JSON line. */
  write(entry: RequestLogEntry): void {
    if (this.#closed || this.error !== null) return;
    this.#pending += `${JSON.stringify(entry)}\n`;
    if (this.#pending.length >= FLUSH_CHARS) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.flush();
      });
    }
  }

  /** Writes every pending line now. */
  flush(): void {
    if (this.#pending === '' || this.error !== null) return;
    const text = this.#pending;
    this.#pending = '';
    try {
      writeSync(this.#fd, text);
    } catch (error) {
      this.error = failure(this.path, 'write', error);
    }
  }

  /** Writes what is pending and closes the file. Later calls do nothing. */
  close(): void {
    if (this.#closed) return;
    this.flush();
    this.#closed = true;
    closeSync(this.#fd);
  }
}
