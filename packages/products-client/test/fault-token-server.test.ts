import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientCredentialsTokenProvider, TokenRequestError, allScopes, type TokenEvent, type TokenProviderOptions } from '../src/index.ts';
import { startFaultTokenServer, type FaultServer } from './fault-token-server.ts';

const credentials = { clientId: 'fault-client', clientSecret: 'fault-secret-0123456789' };
const scope = allScopes[0] as string;
let server: FaultServer;

beforeAll(async () => {
  server = await startFaultTokenServer(credentials);
});
afterAll(() => server.stop());
beforeEach(() => {
  server.faults.length = 0;
  server.requests.length = 0;
});

function provider(options: Partial<TokenProviderOptions> = {}) {
  const sleeps: number[] = [];
  const events: TokenEvent[] = [];
  const p = new ClientCredentialsTokenProvider({
    tokenUrl: server.tokenUrl,
    ...credentials,
    // Backoff waits are recorded instead of slept; the timeouts below are real.
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { p, sleeps, events };
}

async function failure(promise: Promise<unknown>): Promise<TokenRequestError> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TokenRequestError);
  expect(inspect(error, { depth: 20 })).not.toContain(credentials.clientSecret);
  return error as TokenRequestError;
}

describe('token provider against a fault-injecting token server on 127.0.0.1', () => {
  it('gets a token over a real socket with HTTP Basic client authentication', async () => {
    const { p } = provider();
    expect(await p.getToken([scope])).toMatch(/^real-\d+$/);
    expect(new URLSearchParams(server.requests[0]?.body)).toEqual(new URLSearchParams({ grant_type: 'client_credentials', scope }));
  });

  it('retries a 500 and then succeeds', async () => {
    server.faults.push({ kind: 'status', status: 500, body: 'oops' });
    const { p, sleeps } = provider();
    expect(await p.getToken([scope])).toMatch(/^real-/);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('retries a dropped connection (network error)', async () => {
    server.faults.push({ kind: 'reset' });
    const { p, events } = provider();
    expect(await p.getToken([scope])).toMatch(/^real-/);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ code: 'network_error' });
  });

  it('waits what a 429 Retry-After says', async () => {
    server.faults.push({ kind: 'status', status: 429, body: '{"message":"Too Many Requests"}', headers: { 'Retry-After': '2' } });
    const { p, sleeps } = provider();
    expect(await p.getToken([scope])).toMatch(/^real-/);
    expect(sleeps).toEqual([2000]);
  });

  it('aborts a request that hangs past the timeout, then retries', async () => {
    server.faults.push({ kind: 'hang' });
    const { p, events } = provider({ timeoutMs: 150 });
    expect(await p.getToken([scope])).toMatch(/^real-/);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ code: 'timeout' });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up with code timeout when every attempt hangs', async () => {
    server.faults.push({ kind: 'hang' }, { kind: 'hang' });
    const { p } = provider({ timeoutMs: 100, retry: { maxAttempts: 2 } });
    expect(await failure(p.getToken([scope]))).toMatchObject({ code: 'timeout', attempts: 2, retryable: true });
  });

  it('reports malformed JSON as invalid_token_response with the parse error as cause, without retrying', async () => {
    server.faults.push({ kind: 'malformed' });
    const { p } = provider();
    const error = await failure(p.getToken([scope]));
    expect(error).toMatchObject({ code: 'invalid_token_response', status: 200, attempts: 1 });
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a wrong secret as invalid_client, without retrying', async () => {
    const { p, events } = provider({ clientSecret: 'wrong-secret-value' });
    const error = await failure(p.getToken([scope]));
    expect(error).toMatchObject({ code: 'invalid_client', status: 400, attempts: 1, retryable: false });
    expect(error.message).toContain('Check clientId and clientSecret');
    expect(error.message).not.toContain('wrong-secret-value');
    expect(JSON.stringify(events)).not.toContain('wrong-secret-value');
    expect(server.requests).toHaveLength(1);
  });

  it('bounds the attempts on a 503 that never ends', async () => {
    server.faults.push(...Array.from({ length: 10 }, () => ({ kind: 'status' as const, status: 503 })));
    const { p, sleeps } = provider({ retry: { maxAttempts: 4, baseDelayMs: 100 } });
    expect(await failure(p.getToken([scope]))).toMatchObject({ code: 'http_503', attempts: 4 });
    expect(server.requests).toHaveLength(4);
    sleeps.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(100 * 2 ** i));
  });
});
