import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from './generate.ts';
import { SPEC_PATH, listOperations, loadSpec } from './spec.ts';

describe('generated files', () => {
  it('carry the do-not-edit header and live under generated/', async () => {
    const files = await generatedFiles();
    expect(Object.keys(files).length).toBeGreaterThan(0);
    for (const [path, content] of Object.entries(files)) {
      if (path === 'README.md') continue;
      expect(path).toMatch(/\/generated\//);
      expect(content.startsWith('// This file is generated from openapi.yaml')).toBe(true);
      expect(content).toContain('Do not edit it by hand');
    }
  });

  it('map every operation of the spec to its scopes', async () => {
    const files = await generatedFiles();
    const module = files['packages/products-client/src/generated/operations.ts']!;
    for (const op of listOperations(loadSpec())) {
      const entry = new RegExp(`"${op.operationId}": \\{\\s*"method": "${op.method.toUpperCase()}",\\s*"path": "${op.path.replace(/[{}]/g, '\\$&')}",\\s*"scopes": \\[\\s*${op.scopes.map((s) => `"${s}"`).join(',\\s*')}\\s*\\]`);
      expect(module).toMatch(entry);
    }
  });

  it('keep the README operations table equal to the spec', async () => {
    const readme = (await generatedFiles())['README.md']!;
    for (const op of listOperations(loadSpec())) {
      expect(readme).toContain(`| \`${op.operationId}\` | \`${op.method.toUpperCase()} ${op.path}\` | \`${op.scopes[0]}\``);
    }
  });

  it('are committed as generated (the drift check)', async () => {
    const root = dirname(SPEC_PATH);
    const stale = Object.entries(await generatedFiles())
      .filter(([path, content]) => readFileSync(join(root, path), 'utf8') !== content)
      .map(([path]) => path);
    expect(stale, 'run `pnpm generate` and commit the result').toEqual([]);
  });
});
