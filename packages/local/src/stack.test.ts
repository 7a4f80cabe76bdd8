import { describe, expect, it } from 'vitest';
import { startLocalStack } from './stack.ts';

describe('startLocalStack', () => {
  it('a host that is no address of this machine is a clear option_invalid, not a raw listen error', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned here, so bind() fails locally, nothing is sent.
    const error = await startLocalStack({ port: 0, inMemory: true, host: '192.0.2.1' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'LocalStackError', code: 'option_invalid' });
    expect((error as Error).message).toBe('Cannot listen on host "192.0.2.1" (EADDRNOTAVAIL): pass an address of this machine, such as 127.0.0.1.');
  });
});
