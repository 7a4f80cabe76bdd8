// What the published client costs a consumer, and how much of the MSW kit is its own code (measured
// in one run, printed, not asserted):
//   pnpm bench size
// Sizes: esbuild bundles of each entry as a consumer's bundler would build them (minified, gzip -9):
// `.` with openapi-fetch (budget 8 KB), `./msw` with the gateway core and the service bundled in and
// msw external (a peer dependency the consumer has anyway; aim 40 KB), with the share of each part.
// Lines: src/msw now, before the kit became an adapter over the core (git, else the issue's figure),
// and the modules that used to mirror code living elsewhere.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const mswDir = join(root, 'packages/products-client/src/msw');
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function bundle(specifier: string, external: string[]) {
  const out = await esbuild.build({
    // The @org/source condition points the workspace packages at their TypeScript source.
    stdin: { contents: `export * from '${specifier}';`, resolveDir: here, loader: 'ts' },
    conditions: ['@org/source'],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external,
    logLevel: 'silent',
  });
  const bytes = out.outputFiles[0]!.contents;
  const inputs = Object.values(out.metafile.outputs)[0]!.inputs;
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length, inputs };
}

// ---- sizes -----------------------------------------------------------------------------------
const main = await bundle('@org/products-client', []);
const msw = await bundle('@org/products-client/msw', ['msw', 'msw/*']);

console.log('\nSize: esbuild bundles, minified, gzip -9');
console.log('| entry | min | min+gz | budget | vs budget |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(`| \`.\` (client + openapi-fetch) | ${fmt(main.min)} B | ${fmt(main.gz)} B (${fmt(main.gz / 1024, 2)} KiB) | 8 KB | ${fmt(main.gz / 8192, 2)}× |`);
console.log(`| \`./msw\` (mock + gateway core + service; msw external) | ${fmt(msw.min)} B | ${fmt(msw.gz)} B (${fmt(msw.gz / 1024, 2)} KiB) | 40 KB | ${fmt(msw.gz / 40960, 2)}× |`);

// Where the ./msw bytes go (minified bytes per part; gzip is not additive, so shares are of min).
const parts: [string, RegExp][] = [
  ['precompiled validators (core/src/generated/validators.ts)', /core\/src\/generated\/validators\.ts$/],
  ['contract model (core/src/generated/model.ts)', /core\/src\/generated\/model\.ts$/],
  ['gateway core pipeline + token endpoint (core/src)', /core\/src\//],
  ['service: handler, in-memory repository, errors (products-service/src)', /products-service\/src\//],
  ["the mock's own code (products-client/src/msw)", /products-client\/src\/msw\//],
];
const byPart = new Map<string, number>(parts.map(([name]) => [name, 0]));
let other = 0;
for (const [path, { bytesInOutput }] of Object.entries(msw.inputs)) {
  const part = parts.find(([, test]) => test.test(path));
  if (part) byPart.set(part[0], byPart.get(part[0])! + bytesInOutput);
  else other += bytesInOutput;
}
console.log('\n`./msw` by part (minified bytes in the bundle)');
console.log('| part | min | share |');
console.log('| --- | ---: | ---: |');
for (const [name, bytes] of [...byPart, ['other (runtime helpers, generated operation map)', other] as const]) {
  console.log(`| ${name} | ${fmt(bytes)} B | ${fmt((100 * bytes) / msw.min, 1)}% |`);
}

// ---- lines -----------------------------------------------------------------------------------
const lines = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
const count = (files: string[], read: (f: string) => string) => files.reduce((n, f) => n + lines(read(f)), 0);
const nowFiles = readdirSync(mswDir).filter((f) => f.endsWith('.ts'));
const nowCode = count(nowFiles.filter((f) => !f.endsWith('.test.ts')), (f) => readFileSync(join(mswDir, f), 'utf8'));
const nowTests = count(nowFiles.filter((f) => f.endsWith('.test.ts')), (f) => readFileSync(join(mswDir, f), 'utf8'));

/** The commit before the kit became an adapter over the core (issue 11's "today": 1,749 lines). */
const BEFORE = '4de22e6';
let before: { total: number; code: number; source: string } = { total: 1749, code: NaN, source: "issue 11's figure" };
try {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const files = git('ls-tree', '--name-only', `${BEFORE}:packages/products-client/src/msw`).split('\n').filter((f) => f.endsWith('.ts'));
  const read = (f: string) => git('show', `${BEFORE}:packages/products-client/src/msw/${f}`);
  before = { total: count(files, read), code: count(files.filter((f) => !f.endsWith('.test.ts')), read), source: `git ${BEFORE}` };
} catch {
  // A shallow clone lacks the commit: the issue's figure stands.
}

// Modules (or functions) that re-implemented what lives elsewhere (issue 11's list), and where it lives now.
const source = (file: string) => (existsSync(join(mswDir, file)) ? readFileSync(join(mswDir, file), 'utf8') : '');
const mirrored: [string, boolean, string][] = [
  ['schema.ts (hand-written JSON Schema checker)', source('schema.ts') !== '', 'core/src/generated/validators.ts (ajv standalone, generated)'],
  ['contract.ts (spec reader, router)', source('contract.ts') !== '', 'core/src/generated/model.ts, core/src/router.ts'],
  ['validator.ts (request validator)', source('validator.ts') !== '', 'core/src/validator.ts'],
  ['service.ts (the service semantics)', source('service.ts') !== '', 'products-service/src/service.ts'],
  ['scan-order.ts (DynamoDB scan order)', source('scan-order.ts') !== '', 'products-service/src/scan-order.ts via the in-memory repository'],
  ["tokens.ts's decideTokenRequest (Cognito's decision)", /function decideTokenRequest/.test(source('tokens.ts')), 'core/src/token-endpoint.ts'],
  ["mock.ts's authorizer and gateway responses", /GATEWAY_DEFAULTS|const gatewayResponse =/.test(source('mock.ts')), 'core/src/authorizer.ts, core/src/gateway-responses.ts'],
];
const mirroredNow = mirrored.filter(([, present]) => present);

console.log('\nLines of packages/products-client/src/msw');
console.log('| | before | now |');
console.log('| --- | ---: | ---: |');
console.log(`| all files (${before.source}) | ${fmt(before.total)} | ${fmt(nowCode + nowTests)} |`);
console.log(`| code (no tests) | ${Number.isNaN(before.code) ? 'n/a' : fmt(before.code)} | ${fmt(nowCode)} |`);
console.log(`| mirrored modules present | ${mirrored.length} | ${mirroredNow.length} |`);
for (const [name, present, now] of mirrored) console.log(`|   ${name} | | ${present ? 'still here' : `gone: ${now}`} |`);
