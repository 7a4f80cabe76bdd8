// The main entry must not pull in the mock (nor msw, an optional peer dependency): a consumer who
// never imports `@org/products-client/msw` must not need msw installed.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module reachable from `entry` by static and dynamic imports, and the bare specifiers met. */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? '';
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('entry points', () => {
  it('`.` reaches no module of ./msw and never imports msw', () => {
    const { files, packages } = graph(join(src, 'index.ts'));
    expect(files.size).toBeGreaterThan(3);
    expect([...files].filter((f) => f.includes(`${join(src, 'msw')}`))).toEqual([]);
    expect([...packages].filter((p) => p === 'msw' || p.startsWith('msw/'))).toEqual([]);
  });

  it('`./msw` reaches msw, the gateway core and the service (bundled at build time) and nothing else', () => {
    const { files, packages } = graph(join(src, 'msw', 'index.ts'));
    const outside = [...files].filter((f) => !f.startsWith(join(src, 'msw')) && !f.startsWith(join(src, 'generated')));
    expect(outside).toEqual([]);
    // scripts/build-msw.mjs bundles the private packages in and keeps msw external (a peer dependency).
    const privates = [...packages].filter((p) => p.startsWith('@org/'));
    expect(privates.length).toBeGreaterThan(0);
    expect(privates.every((p) => /^@org\/products-(core|service)(\/|$)/.test(p))).toBe(true);
    expect([...packages].filter((p) => !p.startsWith('@org/')).sort()).toEqual(['msw']);
  });
});
