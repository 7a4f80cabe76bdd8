// An end-to-end smoke of the two adapters over the one implementation: the same scenarios run
// against (1) the local stack over real sockets (node http, jose-signed tokens, the handler on
// dynalite) and (2) the MSW mock through msw/node's setupServer (its token registry, the handler on
// the in-memory repository); both run the gateway core, its token endpoint and the real handler, so
// the normalised transcripts must be identical. A difference is in an adapter or a repository.
import { startLocalStack, type LocalStack } from '@org/products-local';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductsMock } from '../../src/msw/index.ts';
import { contractScenarios, TestClock, type Observation, type Target } from './scenarios.ts';

const START = Date.UTC(2026, 10, 26, 10, 0, 0);
// The mock's default clients (fixed test credentials) are given to the local stack too, so that
// `createdBy` and every client-dependent answer can be compared as is.
const { clients } = createProductsMock();
const credentials = (name: string) => {
  const c = clients.find((x) => x.name === name);
  if (!c) throw new Error(`no default client ${name}`);
  return { clientId: c.clientId, clientSecret: c.clientSecret };
};

const transcripts: Record<'local' | 'mock', Observation[]> = { local: [], mock: [] };

describe('the local stack (real sockets)', () => {
  let stack: LocalStack;
  let target: Target;
  beforeAll(async () => {
    const clock = new TestClock(START);
    stack = await startLocalStack({
      port: 0,
      inMemory: true,
      now: clock.now,
      config: { clients: clients.map(({ name, clientId, clientSecret, scopes }) => ({ name, clientId, clientSecret, scopes: [...scopes] })) },
    });
    target = {
      baseUrl: stack.apiUrl,
      tokenUrl: stack.tokenUrl,
      admin: credentials('products-admin'),
      reader: credentials('products-reader'),
      fetch: (request) => fetch(request),
      clock,
      dropKeys: async () => {
        await stack.rotateKeys();
        await stack.dropOldKeys();
      },
    };
  }, 30_000);
  afterAll(() => stack?.stop());
  contractScenarios(() => target, transcripts.local);
});

describe('the MSW mock (setupServer)', () => {
  let server: ReturnType<typeof setupServer>;
  let target: Target;
  beforeAll(() => {
    const clock = new TestClock(START);
    // URLs unlike the local stack's, so that nothing but MSW could answer them.
    const mock = createProductsMock({ baseUrl: 'https://api.products.test/dev', tokenUrl: 'https://auth.products.test/oauth2/token', now: clock.now });
    server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    target = {
      baseUrl: mock.baseUrl,
      tokenUrl: mock.tokenUrl,
      admin: credentials('products-admin'),
      reader: credentials('products-reader'),
      fetch: (request) => fetch(request),
      clock,
      dropKeys: async () => mock.revokeTokens(),
    };
  });
  afterAll(() => server?.close());
  contractScenarios(() => target, transcripts.mock);
});

describe('the mock and the local stack', () => {
  it('answered every step with the same status, headers and body', () => {
    expect(transcripts.mock.length).toBeGreaterThan(80);
    expect(transcripts.mock.map((o) => o.step)).toEqual(transcripts.local.map((o) => o.step));
    // Step by step, so that a divergence names the step.
    for (const [i, local] of transcripts.local.entries()) expect(transcripts.mock[i], local.step).toEqual(local);
  });
});
