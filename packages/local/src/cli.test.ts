import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { banner, HELP, main } from './cli.ts';
import { buildModel, listOperations, loadSpec } from '@org/products-contract';
import { startLocalStack, type LocalStack } from './stack.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
}

describe('products-local CLI', () => {
  it('--help prints the options and exits 0', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.join('')).toBe(`${HELP}\n`);
    expect(HELP).toMatch(/--port.*--stage.*--data-dir.*--in-memory.*--config/s);
  });

  it.each([[['--bogus']], [['--port', 'x']], [['--port', '70000']]])('refuses %j with exit code 2 and a message', async (argv) => {
    const { io, err } = capture();
    expect(await main(argv, io)).toBe(2);
    expect(err.join('')).toMatch(/^products-local: /);
  });

  it('a bad config file is a clear error, exit code 1', async () => {
    const { io, err } = capture();
    expect(await main(['--in-memory', '--port', '0', '--config', '/nonexistent/local.json'], io)).toBe(1);
    expect(err.join('')).toContain('Cannot read the config file "/nonexistent/local.json"');
  });

  // The banner's Step 4 commands, run as a user would paste them (bash, curl).
  it.skipIf(!existsSync('/usr/bin/curl') || !existsSync('/bin/bash'))('the banner curl commands run the walkthrough Step 4', async () => {
    const stack = await startLocalStack({ port: 0, inMemory: true });
    try {
      const text = banner(stack, '/tmp/stack.json', true);
      const script = text
        .split('\n')
        .filter((l) => l.startsWith('  TOKEN=') || l.startsWith('  CREATE_ONLY=') || l.startsWith('  curl '))
        .map((l) => l.trim().replace(/^curl -i /, 'curl -s -o /dev/null -w "%{http_code}\\n" '))
        .join('\n');
      const { stdout } = await promisify(execFile)('/bin/bash', ['-euo', 'pipefail', '-c', script]);
      expect(stdout.trim().split('\n')).toEqual(['201', '201', '200', '204', '401', '401', '201']);
    } finally {
      await stack.stop();
    }
  });

  it('the banner reads its paths and scopes from the spec, by operationId', () => {
    const spec = structuredClone(loadSpec());
    const paths = spec.paths as Record<string, unknown>;
    // The same operations under other paths and another scope name.
    const renamed = JSON.parse(JSON.stringify({ '/v2/items': paths['/products'], '/v2/items/{itemId}': paths['/products/{id}'] }).replaceAll('create_product', 'create_item'));
    spec.paths = renamed;
    const stack = {
      apiUrl: 'http://127.0.0.1:1/dev',
      tokenUrl: 'http://127.0.0.1:1/oauth2/token',
      issuer: 'http://127.0.0.1:1/us-east-1_localx',
      jwksUrl: 'http://127.0.0.1:1/us-east-1_localx/.well-known/jwks.json',
      stage: 'dev',
      dataDir: undefined,
      clients: [{ name: 'products-admin', clientId: 'id', clientSecret: 'secret', scopes: [] }],
    } as unknown as LocalStack;
    const text = banner(stack, '/tmp/stack.json', true, buildModel(spec).model);
    expect(text).not.toContain('/dev/products');
    expect(text).toContain("curl -i -X POST 'http://127.0.0.1:1/dev/v2/items'");
    expect(text).toContain("curl -i -X DELETE 'http://127.0.0.1:1/dev/v2/items/1'");
    const createScope = listOperations(spec).find((o) => o.operationId === 'createProduct')!.scopes[0]!;
    expect(createScope).toMatch(/\/create_item$/);
    expect(text).toContain(`scope=${createScope}'`);
  });
});
