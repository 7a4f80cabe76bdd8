// `@org/products-service/web` must run where there is no Node (the MSW kit in browsers): bundled for a
// neutral platform, its module graph reaches no `node:*` module, no AWS SDK, no Powertools, and its code
// uses no Node global (Buffer, process). Then the bundle serves a request on the in-memory repository.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectDocumented } from './contract.ts';
import { context, event } from './events.ts';

const entry = new URL('../src/web.ts', import.meta.url).pathname;
let dir: string;
let inputs: string[];
let code: string;
let outfile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'products-web-'));
  outfile = join(dir, 'web.mjs');
  // No `external`: a `node:` import or a package that needs Node's resolution fails the build here.
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'neutral', format: 'esm', mainFields: ['module', 'main'], conditions: ['@org/source'], write: false, metafile: true, logLevel: 'silent', outfile });
  inputs = Object.keys(result.metafile.inputs);
  code = result.outputFiles[0]!.text;
  await writeFile(outfile, code);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('imports nothing from node:, the AWS SDK or Powertools, and uses no Node global', () => {
  expect(inputs.length).toBeGreaterThan(5);
  expect(inputs.some((file) => file.endsWith('core/src/generated/validators.ts'))).toBe(true);
  expect(inputs.filter((file) => /^node:|@aws-sdk|@smithy|aws-lambda-powertools|ajv/.test(file))).toEqual([]);
  expect(code).not.toMatch(/\brequire\(|\bBuffer\b|\bprocess\.|from ["']node:/);
  // No schema is compiled at run time (strict-CSP pages run the mock).
  expect(code).not.toMatch(/new Function\(|\beval\(/);
});

it('fails the check when the module graph does reach Node (the check can fail)', async () => {
  const probe = join(dir, 'probe.ts');
  await writeFile(probe, `import { createHandler } from ${JSON.stringify(new URL('../src/index.ts', import.meta.url).pathname)};\nexport { createHandler };\n`);
  await expect(build({ entryPoints: [probe], bundle: true, platform: 'neutral', format: 'esm', mainFields: ['module', 'main'], write: false, logLevel: 'silent' })).rejects.toThrow();
});

it('serves a request from the bundle on the in-memory repository', async () => {
  const web = (await import(pathToFileURL(outfile).href)) as typeof import('../src/web.ts');
  const lines: string[] = [];
  const handler = web.createService({ repository: new web.InMemoryProductRepository(), log: (line) => lines.push(line) });
  const created = expectDocumented('createProduct', await handler(event('createProduct', { json: { id: 'web', name: 'Web' } }), context()));
  expect(created.statusCode).toBe(201);
  const page = expectDocumented('listProducts', await handler(event('listProducts', { query: { limit: '1' } }), context()));
  expect(JSON.parse(page.body)).toMatchObject({ items: [{ id: 'web' }], nextCursor: 'eyJpZCI6IndlYiJ9' });
  expect(lines.map((line) => JSON.parse(line).status)).toEqual([201, 200]);
});
