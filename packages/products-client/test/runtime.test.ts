// "No Node-only API": the client's runtime, bundled for a neutral platform, runs in a V8 context
// that has only web-standard globals (no process, Buffer, require), as in an edge worker.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { expect, it } from 'vitest';
import { fakeApi, fakeTokenEndpoint } from './fakes.ts';

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

it('own runtime sources use no Node-only API', () => {
  const runtime = readdirSync(srcDir).filter((f) => f.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(f));
  expect(runtime).toContain('token-provider.ts');
  for (const file of runtime) {
    const code = readFileSync(join(srcDir, file), 'utf8');
    expect(code, file).not.toMatch(/from ['"]node:|\brequire\(|\bBuffer\b|\bprocess\.|__dirname/);
  }
});

it('the bundled client works in a context with web globals only', async () => {
  const bundle = await build({
    entryPoints: [join(srcDir, 'index.ts')],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'iife',
    globalName: 'ProductsClient',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]?.text ?? '';
  const endpoint = fakeTokenEndpoint();
  const api = fakeApi(endpoint);
  const web = { fetch: api.fetch, Request, Response, Headers, URL, URLSearchParams, AbortSignal, AbortController, btoa, atob, TextEncoder, TextDecoder, setTimeout, clearTimeout, FormData, console };
  const context = createContext({ ...web });
  runInContext(`${code}\nglobalThis.ProductsClient = ProductsClient;`, context);
  expect(runInContext('[typeof process, typeof Buffer, typeof require]', context)).toEqual(['undefined', 'undefined', 'undefined']);

  const lib = (context as { ProductsClient: typeof import('../src/index.ts') }).ProductsClient;
  const client = lib.createProductsClient({
    baseUrl: 'https://api.example.test/dev',
    credentials: { tokenUrl: endpoint.tokenUrl, clientId: 'edge', clientSecret: 'edge-secret' },
  });
  const { response } = await client.GET('/products');
  expect(response.status).toBe(200);
  expect(api.calls[0]?.authorization).toBe('Bearer tok-1');
  expect(endpoint.calls[0]?.authorization).toBe(`Basic ${btoa('edge:edge-secret')}`);
});
