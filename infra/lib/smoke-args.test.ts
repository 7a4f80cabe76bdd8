import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSmokeArgs } from './smoke-args.ts';

const flags = ['--api-url', 'https://abc.execute-api.eu-west-1.amazonaws.com/dev', '--token-url', 'https://p.auth.eu-west-1.amazoncognito.com/oauth2/token', '--client-id', 'admin-id'];

describe('parseSmokeArgs', () => {
  it('takes the flags and the secret from PRODUCTS_CLIENT_SECRET, skipping pnpm’s "--"', () => {
    expect(parseSmokeArgs(['--', ...flags], { PRODUCTS_CLIENT_SECRET: 's3cret' })).toEqual({
      apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/dev',
      tokenUrl: 'https://p.auth.eu-west-1.amazoncognito.com/oauth2/token',
      clientId: 'admin-id',
      clientSecret: 's3cret',
    });
  });

  it('reads cdk deploy --outputs-file output relative to the given folder; flags win; the reader when its secret is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'products-infra-args-'));
    writeFileSync(
      join(dir, 'out.json'),
      JSON.stringify({
        ProductsApi: { InvokeUrl: 'https://x/dev', TokenUrl: 'https://t/oauth2/token', ProductsAdminClientId: 'a', ProductsReaderClientId: 'r' },
      }),
    );
    const env = { PRODUCTS_CLIENT_SECRET: 'as', PRODUCTS_READER_CLIENT_SECRET: 'rs' };
    expect(parseSmokeArgs(['--outputs', 'out.json', '--client-id', 'other'], env, dir)).toEqual({
      apiUrl: 'https://x/dev',
      tokenUrl: 'https://t/oauth2/token',
      clientId: 'other',
      clientSecret: 'as',
      reader: { clientId: 'r', clientSecret: 'rs' },
    });
  });

  it('says what is missing, an unknown flag, and an unreadable or foreign outputs file', () => {
    expect(() => parseSmokeArgs(flags, {})).toThrow(expect.objectContaining({ code: 'bad_arguments', message: expect.stringContaining('Missing --client-secret (or PRODUCTS_CLIENT_SECRET)') }));
    expect(() => parseSmokeArgs(['--client-id', 'x'], { PRODUCTS_CLIENT_SECRET: 's' })).toThrow(/Missing --api-url, --token-url/);
    expect(() => parseSmokeArgs(['--api', 'x'], {})).toThrow(expect.objectContaining({ code: 'bad_arguments' }));
    expect(() => parseSmokeArgs(['--outputs', '/nonexistent/out.json'], {})).toThrow(expect.objectContaining({ code: 'outputs_unreadable' }));
    const dir = mkdtempSync(join(tmpdir(), 'products-infra-args-'));
    writeFileSync(join(dir, 'out.json'), JSON.stringify({ Other: {} }));
    expect(() => parseSmokeArgs(['--outputs', join(dir, 'out.json')], {})).toThrow(/no outputs for stack "ProductsApi" \(it has Other\)/);
  });
});
