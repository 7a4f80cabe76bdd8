// Builds the docs site: `redocly bundle public` writes the public spec (decorators from
// redocly.yaml), then `redocly build-docs --inlineBundle` turns it into one self-contained page.
// Run from anywhere: `pnpm docs:build` (root) or `pnpm --filter @org/products-docs build`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const docsDir = dirname(fileURLToPath(import.meta.url));
const rootDir = join(docsDir, '..');
const distDir = join(docsDir, 'dist');
const publicSpec = join(distDir, 'openapi.public.yaml');
const page = join(distDir, 'index.html');
// Redoc's default page template plus one CSS rule (identifiers in the guide's tables stay whole).
const template = join(docsDir, 'template.hbs');
const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
// No telemetry and no update check: the build must not reach the network.
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

/** Runs the Redocly CLI from the repo root (where redocly.yaml lives); throws with its output on failure. */
function redocly(/** @type {string[]} */ args) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: rootDir, env, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`redocly ${args.join(' ')} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
}

mkdirSync(distDir, { recursive: true });
redocly(['bundle', 'public', '--output', relative(rootDir, publicSpec)]);
redocly([
  'build-docs', relative(rootDir, publicSpec),
  '--inlineBundle',
  // One page with every section (the default paginates), in one wide column: the guide's tables
  // are cramped beside an empty right panel. Readers can switch to three panels in the page.
  '--openapi.pagination=none',
  '--openapi.layout=stacked',
  '--template', relative(rootDir, template),
  '--output', relative(rootDir, page),
]);
// Redoc's sidebar attribution loads its logo from cdn.redoc.ly at runtime, even with
// --inlineBundle; the page must load nothing from the internet, so the logo is inlined as a
// data: URI (same attribution, drawn as text). The browser test proves no other request is made.
const logo = (/** @type {string} */ text, /** @type {number} */ width) =>
  `data:image/svg+xml;base64,${Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="14" viewBox="0 0 ${width} 14">` +
      `<text x="0" y="11" font-family="sans-serif" font-size="11" font-weight="700" fill="#0044D4">${text}</text></svg>`,
  ).toString('base64')}`;
const html = readFileSync(page, 'utf8');
const inlined = html
  .replaceAll('https://cdn.redoc.ly/redoc/logo-mini-full.svg', logo('Redocly', 48))
  .replaceAll('https://cdn.redoc.ly/redoc/logo-mini.svg', logo('R', 10));
if (inlined === html) throw new Error('docs: Redoc no longer references cdn.redoc.ly logos; check the page for other remote assets and drop this step.');
// Redoc opens a tag's group in the side menu only once one of its operations is on screen, so a
// newcomer first sees a closed "Products" entry and none of the operations. It has no option for
// this; its menu items do honour `expanded: "true"` (open at first, still closable), so the one
// place that builds a tag's group gets it. The browser test checks the group is open on load.
const groupItem = 'n.push({type:`group`,label:d,link:i,routeSlug:i,items:f,';
const groups = inlined.split(groupItem).length - 1;
if (groups !== 1) throw new Error(`docs: expected Redoc's tag-group menu item once in the page, found it ${groups} times; Redoc changed: find where it builds a tag's menu group and set expanded: "true" there, or drop this step.`);
writeFileSync(page, inlined.replace(groupItem, `${groupItem}expanded:\`true\`,`));

console.log(`docs: wrote ${relative(rootDir, publicSpec)} and ${relative(rootDir, page)}`);
