// The README's examples and option table are checked, so they cannot rot: its TypeScript example
// is test/readme-example.ts (typechecked with the package) and runs here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { model } from '@org/products-core/contract';
import { checkConfig, resolvePool } from '../src/config.ts';
import { HELP } from '../src/cli.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('the config file example is a valid config, its scopes declared by openapi.yaml', async () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const config = checkConfig(parse(yaml!), 'README');
    expect(config.clients?.map((c) => c.name)).toEqual(['products-admin', 'products-reader', 'ci']);
    // resolvePool refuses a scope the spec does not declare, so a renamed scope breaks this test.
    const pool = await resolvePool({ model, config, region: config.region ?? 'us-east-1' });
    expect(pool.clients.find((c) => c.name === 'ci')?.accessTokenValiditySeconds).toBe(900);
  });

  it('the options table lists exactly the CLI options', () => {
    const documented = [...readme.matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]).sort();
    const cli = [...HELP.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(cli);
  });

  it('shows test/readme-example.ts as its TypeScript example, and the example runs', async () => {
    const block = /## From code \(tests\)\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(new URL('./readme-example.ts', import.meta.url), 'utf8'));
    const { example } = await import('./readme-example.ts');
    expect(await example()).toEqual({ status: 200, keys: 1 });
  });
});
