import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listOperations, loadSpec } from '@org/products-contract';
import { model } from '@org/products-core/contract';
import { checkConfig, loadConfigFile, randomToken, resolvePool } from './config.ts';
import { LocalStackError } from './errors.ts';

const spec = loadSpec();

describe('config', () => {
  it('takes the default clients from the generated model: admin gets every scope, reader the scopes only GET operations use', async () => {
    const ops = listOperations(spec);
    const writing = new Set(ops.filter((o) => o.method !== 'get').flatMap((o) => o.scopes));
    const readOnly = [...new Set(ops.filter((o) => o.method === 'get').flatMap((o) => o.scopes))].filter((s) => !writing.has(s));
    const pool = await resolvePool({ model, config: {}, region: 'us-east-1' });
    const [admin, reader] = pool.clients;
    expect([admin!.name, reader!.name]).toEqual(['products-admin', 'products-reader']);
    expect(admin!.scopes.length).toBeGreaterThan(reader!.scopes.length);
    expect(reader!.scopes).toEqual(readOnly);
  });

  it.each([
    [{ nope: 1 }, /unknown key "nope"/],
    [{ clients: [] }, /non-empty array/],
    [{ clients: [{ name: 'a' }, { name: 'a' }] }, /two clients are named "a"/],
    [{ clients: [{ name: 'a', accessTokenValiditySeconds: 60 }] }, /300 to 86400/],
    [{ clients: [{ name: 'a', clientSecret: 'has space' }] }, /clientSecret/],
    [{ userPoolId: 'nounderscore' }, /userPoolId/],
    [{ integrationTimeoutMs: -1 }, /integrationTimeoutMs/],
    [{ functions: { X: { module: 1 } } }, /functions\.X/],
  ])('rejects %j', (config, message) => {
    expect(() => checkConfig(config, 'test')).toThrow(message);
    try {
      checkConfig(config, 'test');
    } catch (error) {
      expect(error).toBeInstanceOf(LocalStackError);
      expect((error as LocalStackError).code).toBe('config_invalid');
    }
  });

  it('reads YAML and JSON files, resolving relative module paths against the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'products-local-config-'));
    await writeFile(join(dir, 'c.yaml'), 'clients:\n  - name: ci\n    clientId: ci-id\nfunctions:\n  ProductsFunctionArn: { module: ./fn.ts }\n');
    expect(loadConfigFile(join(dir, 'c.yaml'))).toEqual({ clients: [{ name: 'ci', clientId: 'ci-id' }], functions: { ProductsFunctionArn: { module: join(dir, 'fn.ts') } } });
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/Cannot read the config file/);
  });

  it('rejects a client scope the spec does not declare', async () => {
    await expect(resolvePool({ model, config: { clients: [{ name: 'x', scopes: ['product-api/fly'] }] }, region: 'us-east-1' })).rejects.toThrow(/product-api\/fly/);
  });

  it('random tokens are lowercase alphanumerics of the asked length', () => {
    const t = randomToken(52);
    expect(t).toMatch(/^[a-z0-9]{52}$/);
    expect(randomToken(52)).not.toBe(t);
  });
});
