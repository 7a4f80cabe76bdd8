// The published entries as a browser gets them. The package is built exactly as `pnpm run build`
// does (tsc, then scripts/build-msw.mjs) into a temporary directory; then:
// - the built `.` and `./msw` import no Node module (only openapi-fetch and msw, their dependencies);
// - the ./msw declarations name no private workspace package (they must resolve after `npm install`);
// - headless Chromium (Debian's, never a downloaded one) runs the built mock under msw/browser's
//   setupWorker, served with mockServiceWorker.js from a 127.0.0.1 server, and the built typed client
//   against it: token request, create, read, list, a fault, a 401 without a token.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMsw, declarationGraph } from '../scripts/build-msw.mjs';

const CHROMIUM = '/usr/bin/chromium';
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const nodeModules = join(packageDir, 'node_modules');

let work: string;
let dist: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'products-client-browser-'));
  dist = join(work, 'dist');
  const tsc = spawnSync('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json', '--outDir', dist], { cwd: packageDir, encoding: 'utf8' });
  expect(tsc.status, `${tsc.stdout}\n${tsc.stderr}`).toBe(0);
  await buildMsw({ dist });
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The bare specifiers a built entry's module graph imports (its own files followed, packages not). */
async function importsOf(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'neutral', packages: 'external', logLevel: 'silent' });
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return [...new Set(imports)].sort();
}

describe('the built entries', () => {
  it('`.` imports only openapi-fetch and `./msw` only msw: no node: module, no private package', async () => {
    expect(await importsOf(join(dist, 'index.js'))).toEqual(['openapi-fetch']);
    expect(await importsOf(join(dist, 'msw', 'index.js'))).toEqual(['msw']);
    // The check can fail: the same walk over the build script (a Node program) finds its node: imports.
    expect((await importsOf(join(packageDir, 'scripts', 'build-msw.mjs'))).filter((p) => p.startsWith('node:')).length).toBeGreaterThan(0);
  });

  it('the ./msw bundle holds the gateway core and the service, and uses no Node global', () => {
    const bundle = readFileSync(join(dist, 'msw', 'index.js'), 'utf8');
    // Named functions of the core's pipeline and of the service, bundled in rather than imported.
    expect(bundle).toContain('function createGateway(');
    expect(bundle).toContain('function createService(');
    expect(bundle).not.toMatch(/\bBuffer\.|\bprocess\.(env|versions|nextTick)\b|\brequire\(/);
  });

  it('the ./msw declarations reach no private package and no node: module', () => {
    const { files, packages } = declarationGraph(join(dist, 'msw', 'index.d.ts'));
    expect(files.size).toBeGreaterThan(3);
    expect([...packages].sort()).toEqual(['msw']);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.toMatch(/@org\/products-(core|service)|from ['"]node:/);
  });
});

/** What the page reports. */
type PageResult = {
  created: number;
  read: { status: number; name?: string; etag: string | null };
  listed: string[];
  fault: { status: number; code?: string };
  noToken: { status: number; code?: string };
  tokens: Record<string, number>;
  store: string[];
};

describe('the built mock under msw/browser (setupWorker) in headless Chromium, with the built typed client', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  /** Paths the static server was asked for: the API and token endpoint must never reach it. */
  const served: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium).`);
    const page = `
      import { setupWorker } from 'msw/browser';
      import { createProductsMock } from ${JSON.stringify(join(dist, 'msw', 'index.js'))};
      import { createProductsClient } from ${JSON.stringify(join(dist, 'index.js'))};

      const report = (value) => { window.__result = value; };
      const fail = (error) => { window.__error = String(error && error.stack || error); };
      (async () => {
        const mock = createProductsMock({
          baseUrl: location.origin + '/api/dev',
          tokenUrl: location.origin + '/oauth2/token',
          seed: [{ id: 'android', name: 'Android phone', price: 199.99 }],
        });
        const worker = setupWorker(...mock.handlers);
        await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
        const admin = mock.clients.find((c) => c.name === 'products-admin');
        const client = createProductsClient({
          baseUrl: mock.baseUrl,
          credentials: { tokenUrl: mock.tokenUrl, clientId: admin.clientId, clientSecret: admin.clientSecret },
        });
        const created = await client.POST('/products', { body: { id: 'pixel', name: 'Pixel' } });
        const read = await client.GET('/products/{id}', { params: { path: { id: 'android' } } });
        const listed = await client.GET('/products', { params: { query: { limit: 10 } } });
        mock.fail('getProduct', { status: 404, body: { message: 'gone', code: 'not_found' }, times: 1 });
        const fault = await client.GET('/products/{id}', { params: { path: { id: 'android' } } });
        const noToken = await fetch(mock.baseUrl + '/products');
        report({
          created: created.response.status,
          read: { status: read.response.status, name: read.data?.name, etag: read.response.headers.get('etag') },
          listed: (listed.data?.items ?? []).map((p) => p.id).sort(),
          fault: { status: fault.response.status, code: fault.error?.code },
          noToken: { status: noToken.status, code: (await noToken.json()).code },
          tokens: mock.tokenRequests.byClientAndScopes(),
          store: mock.store.list().map((p) => p.id).sort(),
        });
      })().catch(fail);
    `;
    const bundled = await build({
      stdin: { contents: page, loader: 'js', resolveDir: packageDir, sourcefile: 'page.js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      // The built files live in a temporary directory: their packages resolve from this package's.
      nodePaths: [nodeModules],
      logLevel: 'silent',
    });
    const files: Record<string, { type: string; body: string | Uint8Array }> = {
      '/': { type: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>products mock</title><script type="module" src="/page.js"></script>' },
      '/page.js': { type: 'text/javascript', body: bundled.outputFiles[0]!.contents },
      '/favicon.ico': { type: 'image/x-icon', body: '' },
      '/mockServiceWorker.js': { type: 'text/javascript', body: readFileSync(join(nodeModules, 'msw', 'lib', 'mockServiceWorker.js')) },
    };
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      served.push(path);
      const file = files[path];
      response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' }).end(file?.body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('serves the typed client from the service worker: tokens, create, read, list, a fault and a 401', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
    page.on('console', (m) => {
      // Chromium logs every 4xx it fetched; the fault and the 401 are asked for.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    await page.goto(`${origin}/`);
    // The callbacks run in the page, whose global object is its window.
    await page.waitForFunction(() => '__result' in globalThis || '__error' in globalThis, undefined, { timeout: 20_000 });
    const { result, error } = await page.evaluate(() => {
      const page = globalThis as { __result?: unknown; __error?: string };
      return { result: page.__result, error: page.__error };
    });
    expect(error).toBeUndefined();
    expect(problems).toEqual([]);
    const r = result as PageResult;
    expect(r.created).toBe(201);
    expect(r.read).toEqual({ status: 200, name: 'Android phone', etag: '"1"' });
    expect(r.listed).toEqual(['android', 'pixel']);
    expect(r.fault).toEqual({ status: 404, code: 'not_found' });
    expect(r.noToken).toEqual({ status: 401, code: 'unauthorized' });
    expect(r.store).toEqual(['android', 'pixel']);
    // One token per scope set: create, then read (the typed client caches them).
    expect(Object.values(r.tokens)).toEqual([1, 1]);
    // Everything under /api and /oauth2 was answered in the browser, never by the server.
    expect(served.filter((p) => p.startsWith('/api') || p.startsWith('/oauth2'))).toEqual([]);
    expect(served).toContain('/mockServiceWorker.js');
    await page.close();
  }, 60_000);
});
