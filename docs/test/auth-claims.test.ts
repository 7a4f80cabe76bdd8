import { listOperations, loadSpec } from '@org/products-contract';
import { startLocalStack, type LocalStack } from '@org/products-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, PUBLIC_SPEC } from './paths.ts';

// What the guide tells a caller about failures (the 401 table, the 403 of an unknown route, the
// token endpoint's errors), checked against the local stack, which emulates API Gateway and
// Cognito as /work/shared/reference/aws-facts.md records them. The rows are read from the built
// guide, so a wrong status or body in docs/content fails here, not only a wrong helper.
const guide = String(loadSpec(PUBLIC_SPEC).info.description);
const operations = listOperations(loadSpec());

/** The rows of the first markdown table after `heading`, as cells with their outer backticks removed. */
function tableAfter(heading: string): string[][] {
  const start = guide.indexOf(`\n${heading}\n`);
  expect(start, `the guide has a "${heading}" heading`).toBeGreaterThanOrEqual(0);
  const lines = guide.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim().replace(/^`([^`]*)`$/, '$1')));
  }
  return rows;
}

/** `/products/{id}` → `/products/x`: any value reaches the authorizer, which runs first. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x');

describe("the guide's failure answers, against the local stack", () => {
  let stack: LocalStack;
  /** The stack's clock; tests move it forward to expire a token. */
  let skew = 0;

  const tokenFor = async (clientName: string) => {
    const client = stack.clients.find((c) => c.name === clientName)!;
    const res = await fetch(stack.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}` },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { access_token: string; expires_in: number };
  };

  beforeAll(async () => {
    stack = await startLocalStack({ port: 0, inMemory: true, docsDir: DIST_DIR, now: () => Date.now() + skew });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers every 401 case of "When the API answers 401" with the status, body and headers the guide gives', async () => {
    const admin = await tokenFor('products-admin');
    const reader = stack.clients.find((c) => c.name === 'products-reader')!;
    const readerToken = await tokenFor('products-reader');
    // An operation the read-only client has no scope for, and one it has.
    const denied = operations.find((op) => !op.scopes.some((s) => reader.scopes.includes(s)))!;
    const allowed = operations.find((op) => op.method === 'get')!;
    expect(denied, 'an operation outside the reader client scopes').toBeDefined();
    const call = (op: (typeof operations)[number], authorization?: string) =>
      fetch(`${stack.apiUrl}${concrete(op.path)}`, {
        method: op.method.toUpperCase(),
        headers: authorization === undefined ? {} : { authorization },
      });
    const [header, payload, signature] = admin.access_token.split('.');
    const flipped = `${signature!.slice(0, -4)}${signature!.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    /** How to provoke each case the guide lists, as the guide words it. */
    const requests: Record<string, () => Promise<Response[]>> = {
      'no `Authorization` header': async () => [await call(allowed)],
      'malformed token, bad signature, or a token of another user pool': () =>
        Promise.all([call(allowed, 'Bearer not-a-jwt'), call(allowed, `Bearer ${header}.${payload}.${flipped}`)]),
      "valid access token without any of the operation's scopes": async () => [await call(denied, `Bearer ${readerToken.access_token}`)],
      'expired token': async () => {
        skew = (admin.expires_in + 1) * 1000;
        try {
          return [await call(allowed, `Bearer ${admin.access_token}`)];
        } finally {
          skew = 0;
        }
      },
    };
    // The local token endpoint issues no ID tokens (client_credentials has none); the local
    // package's authorizer tests cover that row.
    const notLocal = new Set(['an ID token instead of an access token']);

    const rows = tableAfter('## When the API answers 401');
    expect(rows.length).toBeGreaterThan(0);
    const checked: string[] = [];
    for (const [what, status, body] of rows) {
      if (notLocal.has(what!)) continue;
      const make = requests[what!];
      expect(make, `the guide lists a 401 case this test cannot provoke: "${what}"; add a request for it`).toBeDefined();
      for (const res of await make!()) {
        expect({ what, status: String(res.status), body: await res.text() }).toEqual({ what, status, body });
        expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
        expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
      }
      checked.push(what!);
    }
    expect(checked.sort()).toEqual(Object.keys(requests).sort());
  });

  it('answers an unknown route with the 403 body of "Errors from the gateway"', async () => {
    const { access_token } = await tokenFor('products-admin');
    const row = tableAfter('## Errors from the gateway').find(([status]) => status === '403');
    expect(row, 'a 403 row').toBeDefined();
    const res = await fetch(`${stack.apiUrl}/no-such-route`, { headers: { authorization: `Bearer ${access_token}` } });
    expect([String(res.status), await res.text()]).toEqual([row![0], row![1]]);
    expect(guide).toContain(`403 only for a path or method that does\nnot exist (\`${row![1]}\`)`);
  });

  it("answers a body the gateway's validator rejects with the status and body of \"Errors from the gateway\"", async () => {
    const { access_token } = await tokenFor('products-admin');
    const said = /validator rejects is a (\d{3}) with `([^`]+)`/.exec(guide);
    expect(said, 'the guide gives the invalid-body answer').not.toBeNull();
    const create = operations.find((op) => op.operationId === 'createProduct')!;
    // `{}` lacks the schema's required fields: the gateway's validator answers before the service.
    const res = await fetch(`${stack.apiUrl}${create.path}`, {
      method: create.method.toUpperCase(),
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect([String(res.status), await res.text()]).toEqual([said![1], said![2]]);
  });

  it('answers the token errors the guide names with 400 and that error', async () => {
    const sentence = /A failed token request answers (\d{3}) with `\{"error":"\.\.\."\}`:([^\n]*(?:\n[^\n]+)*)/.exec(guide);
    expect(sentence, 'the guide explains failed token requests').not.toBeNull();
    const named = [...sentence![2]!.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!);
    const client = stack.clients[0]!;
    const basic = (secret: string) => `Basic ${btoa(`${client.clientId}:${secret}`)}`;
    const bodies: Record<string, [string, string]> = {
      invalid_client: [basic('not-the-secret'), 'grant_type=client_credentials'],
      invalid_scope: [basic(client.clientSecret), 'grant_type=client_credentials&scope=no-such-server%2Fno_such_scope'],
      unsupported_grant_type: [basic(client.clientSecret), 'grant_type=no_such_grant'],
    };
    expect(named.sort()).toEqual(Object.keys(bodies).sort());
    for (const code of named) {
      const [authorization, body] = bodies[code]!;
      const res = await fetch(stack.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization }, body });
      expect({ code, status: String(res.status), body: await res.json() }).toEqual({ code, status: sentence![1], body: { error: code } });
    }
  });
});
