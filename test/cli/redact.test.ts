import { describe, expect, it } from 'vitest';
import { redactingIo } from '../../src/cli/target.ts';
import { fakeIo } from './fake-io.ts';

describe('redactingIo()', () => {
  it('takes the key out of everything written to stdout and stderr', () => {
    const { io, out, err } = fakeIo();
    const safe = redactingIo(io, 'sk-secret-123456789');
    safe.stdout.write('key sk-secret-123456789 twice sk-secret-123456789\n');
    safe.stderr.write('Error: Bearer sk-secret-123456789\n');
    expect(out.join('')).toBe('key [redacted] twice [redacted]\n');
    expect(err.join('')).toBe('Error: Bearer [redacted]\n');
    expect(safe.stdout.isTTY).toBe(false);
  });

  it('leaves output alone without a key, or with a placeholder too short to be one (a local server that checks none)', () => {
    const { io } = fakeIo();
    expect(redactingIo(io, undefined)).toBe(io);
    expect(redactingIo(io, 'x')).toBe(io);
  });
});
