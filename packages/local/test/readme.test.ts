// The README's examples and option table are checked, so they cannot rot.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkConfig } from '../src/config.ts';
import { HELP } from '../src/cli.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('the config file example is a valid config', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const config = checkConfig(parse(yaml!), 'README');
    expect(config.clients?.map((c) => c.name)).toEqual(['products-admin', 'products-reader', 'ci']);
  });

  it('the options table lists exactly the CLI options', () => {
    const documented = [...readme.matchAll(/^\| `(--[a-z-]+)/gm)].map((m) => m[1]).sort();
    const cli = [...HELP.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(cli);
  });
});
