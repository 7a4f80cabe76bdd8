// One source of truth: the service reads routes, schemas and scopes from openapi.yaml (generated code),
// never from a hand-written copy. This fails when a route template, a schema pattern or a scope of the spec
// appears as a literal in the service's own source.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadSpec } from '@org/products-contract';
import { operations } from '../src/generated/operations.ts';

const spec = loadSpec();
const srcDir = new URL('../src/', import.meta.url);
const sources = readdirSync(srcDir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .map((name) => ({ name, text: readFileSync(new URL(name, srcDir), 'utf8') }));

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

it('copies no route, schema pattern or scope of openapi.yaml into src/', () => {
  const routes = Object.values(operations).map((op) => op.path);
  const scopes = Object.values(operations).flatMap((op) => op.scopes);
  const forbidden = [
    ...routes.flatMap((route) => [`'${route}'`, `"${route}"`, `\`${route}\``]),
    ...patterns(spec),
    ...scopes,
  ];
  expect(sources.length).toBeGreaterThan(5);
  expect(patterns(spec).length).toBeGreaterThan(0);
  const copies = sources.flatMap(({ name, text }) => forbidden.filter((literal) => text.includes(literal)).map((literal) => `${name}: ${literal}`));
  expect(copies).toEqual([]);
});
