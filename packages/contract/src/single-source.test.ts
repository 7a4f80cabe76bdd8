// One source of truth, across the workspace: no package's source copies a route template, a schema
// pattern or a scope of openapi.yaml by hand; they read them from the generated contract model (or,
// in tooling, from the spec). Generated folders, tests and comments (JSDoc examples) are exempt.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { buildModel } from './model.ts';
import { SPEC_PATH, loadSpec } from './spec.ts';

const root = join(SPEC_PATH, '..');
const spec = loadSpec();
const { model } = buildModel(spec);

/** Every source folder a package ships or runs (not tests, not generated code). */
const SOURCE_DIRS = ['packages/core/src', 'packages/contract/src', 'packages/local/src', 'packages/local/bin', 'packages/products-service/src', 'packages/products-client/src', 'infra/lib', 'infra/bin', 'docs/src'];

function files(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : files(path);
    return /\.(ts|mts|js|mjs)$/.test(name) && !/\.test(-d)?\.ts$|\.test\.m?js$/.test(name) ? [path] : [];
  });
}

function patterns(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) patterns(item, out);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') out.push(value);
      else patterns(value, out);
    }
  }
  return out;
}

it('no package source copies a route, schema pattern or scope of openapi.yaml', () => {
  const sources = SOURCE_DIRS.flatMap((dir) => files(join(root, dir)));
  const forbidden = [
    ...model.operations.flatMap((op) => [`'${op.path}'`, `"${op.path}"`, `\`${op.path}\``]),
    ...patterns(spec),
    ...model.allScopes,
  ];
  expect(sources.length).toBeGreaterThan(30);
  expect(patterns(spec).length).toBeGreaterThan(0);
  expect(model.allScopes.length).toBeGreaterThan(0);
  const copies = sources.flatMap((path) => {
    // Comments may name routes and scopes (JSDoc @examples); code may not.
    const text = readFileSync(path, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|\s)\/\/.*$/gm, '$1')
      // A path given to the typed client (`client.GET('/products/{id}')`, `as '/products'`) is checked by
      // tsc against the generated `paths`: a renamed route fails to compile, so it cannot drift silently.
      .replace(/\b(?:GET|POST|PUT|DELETE|PATCH|paginate|exec)\(\s*(?:'[A-Z]+',\s*)?'\/[^']*'/g, '')
      .replace(/\bas '\/[^']*'/g, '');
    return forbidden.filter((literal) => text.includes(literal)).map((literal) => `${relative(root, path)}: ${literal}`);
  });
  expect(copies).toEqual([]);
});
