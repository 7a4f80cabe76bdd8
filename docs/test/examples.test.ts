import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { listOperations, loadSpec } from '@org/products-contract';
import { startLocalStack, type LocalStack } from '@org/products-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, PAGE, PUBLIC_SPEC } from './paths.ts';

// The docs' shell examples, run as written (bash + curl) against the real local stack, so they
// cannot rot. Only the port differs: the guide shows the local stack's default one.
const publicSpec = loadSpec(PUBLIC_SPEC);
const guide = String(publicSpec.info.description);
const localServer = String((publicSpec.servers as { url: string }[]).find((s) => s.url.startsWith('http://127.0.0.1'))?.url);
const localOrigin = new URL(localServer).origin;

/** The fenced `sh` blocks of the guide. */
const shellBlocks = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

async function bash(script: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, ...env }, timeout: 10_000 });
  return stdout;
}

describe('the examples in the docs, against the local stack', () => {
  let stack: LocalStack;
  let env: Record<string, string>;

  beforeAll(async () => {
    stack = await startLocalStack({ port: 0, inMemory: true, docsDir: DIST_DIR });
    const admin = stack.clients.find((c) => c.name === 'products-admin') ?? stack.clients[0]!;
    env = { CLIENT_ID: admin.clientId, CLIENT_SECRET: admin.clientSecret, API_URL: stack.apiUrl };
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('the local stack serves the page at /docs and the public spec at /openapi.yaml', async () => {
    const origin = new URL(stack.apiUrl).origin;
    const page = await fetch(`${origin}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(PAGE, 'utf8'));
    const spec = await fetch(`${origin}/openapi.yaml`);
    expect(spec.status).toBe(200);
    expect(await spec.text()).toBe(readFileSync(PUBLIC_SPEC, 'utf8'));
  });

  it("the guide's local token request answers a bearer token, and the follow-up call works with it", async () => {
    const tokenBlock = shellBlocks.find((b) => b.includes(`${localOrigin}/oauth2/token`));
    expect(tokenBlock).toBeDefined();
    const answer = JSON.parse(await bash(tokenBlock!.replaceAll(localOrigin, new URL(stack.apiUrl).origin), env)) as Record<string, unknown>;
    expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number), access_token: expect.any(String) });

    const callBlock = shellBlocks.find((b) => b.startsWith('curl "$API_URL/'));
    expect(callBlock).toBeDefined();
    const page = JSON.parse(await bash(callBlock!, { ...env, ACCESS_TOKEN: String(answer.access_token) })) as { items: unknown[] };
    expect(Array.isArray(page.items)).toBe(true);
  });

  it("every operation's curl sample answers its documented success status", async () => {
    const token = (await (
      await fetch(stack.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa(`${env.CLIENT_ID}:${env.CLIENT_SECRET}`)}` },
        body: 'grant_type=client_credentials',
      })
    ).json()) as { access_token: string };
    // Create first and delete last, so every sample finds the product the samples name.
    const rank = { post: 0, get: 1, put: 1, delete: 2 } as Record<string, number>;
    const ops = listOperations(publicSpec).sort((a, b) => (rank[a.method] ?? 1) - (rank[b.method] ?? 1));
    const success = (op: (typeof ops)[number]) => Object.keys(op.raw.responses as object).find((s) => s.startsWith('2'));
    const seen: string[] = [];
    for (const op of ops) {
      const sample = (op.raw['x-codeSamples'] as { label: string; source: string }[]).find((s) => s.label === 'curl')!.source;
      const status = await bash(`${sample} -s -o /dev/null -w '%{http_code}'`, { ...env, ACCESS_TOKEN: token.access_token });
      seen.push(`${op.operationId} ${status}`);
    }
    expect(seen).toEqual(ops.map((op) => `${op.operationId} ${success(op)}`));
  });
});
