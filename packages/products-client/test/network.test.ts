// The client's retries and error model over real sockets on 127.0.0.1: a port nobody listens on
// (ECONNREFUSED), and an API server that throttles (429 + Retry-After) and fails (503) on demand.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NetworkError, createProductsClient } from '../src/index.ts';

let server: Server;
let base: string;
const answers: { status: number; headers?: Record<string, string> }[] = [];
const seen: { method: string; url: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/oauth2/token') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'tok', expires_in: 3600, token_type: 'Bearer' }));
        return;
      }
      seen.push({ method: req.method ?? '', url: req.url ?? '' });
      const next = answers.shift() ?? { status: 200 };
      const body = next.status === 200 ? (req.method === 'POST' ? { id: 'a', name: 'n', version: 1 } : { items: [] }) : { message: 'Too Many Requests' };
      res.writeHead(next.status === 200 && req.method === 'POST' ? 201 : next.status, { 'content-type': 'application/json', 'x-amzn-RequestId': `rid-${seen.length}`, ...next.headers }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const sleeps: number[] = [];
const client = () =>
  createProductsClient({
    baseUrl: `${base}/dev`,
    credentials: { tokenUrl: `${base}/oauth2/token`, clientId: 'a', clientSecret: 'b' },
    // Record the waits instead of sleeping them: the test must not depend on time.
    sleep: async (ms) => void sleeps.push(ms),
  });

it('an API nobody listens on is a NetworkError naming ECONNREFUSED, after the retries; a POST is retried too (never connected)', async () => {
  const port = await closedPort();
  const unreachable = createProductsClient({
    baseUrl: `http://127.0.0.1:${port}/dev`,
    credentials: { tokenUrl: `${base}/oauth2/token`, clientId: 'a', clientSecret: 'b' },
    sleep: async () => {},
  });
  for (const call of [() => unreachable.GET('/products'), () => unreachable.POST('/products', { body: { name: 'n' } })]) {
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'network_error', systemCode: 'ECONNREFUSED', attempts: 3 });
    expect((error as Error).message).toContain('could not be reached (ECONNREFUSED');
  }
});

it('a token endpoint nobody listens on names ECONNREFUSED in its TokenRequestError', async () => {
  const port = await closedPort();
  const c = createProductsClient({ baseUrl: `${base}/dev`, credentials: { tokenUrl: `http://127.0.0.1:${port}/oauth2/token`, clientId: 'a', clientSecret: 'b' }, token: { retry: { maxAttempts: 1 } } });
  await expect(c.GET('/products')).rejects.toMatchObject({ name: 'TokenRequestError', code: 'network_error', message: expect.stringContaining('ECONNREFUSED') });
});

it('429 with Retry-After, then 503, then the answer: a POST retried only on the throttle', async () => {
  sleeps.length = 0;
  seen.length = 0;
  answers.push({ status: 429, headers: { 'retry-after': '2' } }, { status: 503 });
  const c = client();
  const { response } = await c.GET('/products');
  expect(response.status).toBe(200);
  expect(seen).toHaveLength(3);
  expect(sleeps[0]).toBe(2_000);

  seen.length = 0;
  answers.push({ status: 429 }, { status: 503 });
  const created = await c.POST('/products', { body: { name: 'n' } });
  // Retried after the gateway's 429, not after the 503 (the create may have happened).
  expect(created.response.status).toBe(503);
  expect(created.response.headers.get('x-amzn-requestid')).toBe('rid-2');
  expect(seen.map((s) => s.method)).toEqual(['POST', 'POST']);
  expect(c.stats()).toMatchObject({ calls: 2, requests: 5, retries: 3 });
});
