import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { BUNDLE_FILE, esbuildTarget } from './bundle.ts';

// The bundle built once by test/global-setup.ts, as the stack deploys it, run in a fresh Node process.
const file = join(inject('handlerBundleDir'), BUNDLE_FILE);

function invoke(env: Record<string, string>, event: unknown): { statusCode: number; body: string } {
  const script = `import(${JSON.stringify(pathToFileURL(file).href)}).then(async (m) => {
    const result = await m.handler(${JSON.stringify(event)}, { awsRequestId: 'local-1' });
    process.stdout.write('\\n' + JSON.stringify(result));
  });`;
  const { TABLE_NAME: _, ...rest } = process.env;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...rest, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { statusCode: number; body: string };
}

describe('the Lambda bundle', () => {
  it('is one self-contained ESM file: the AWS SDK bundled, no bare imports left', () => {
    const code = readFileSync(file, 'utf8');
    const imports = [...code.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(imports.filter((s) => !s.startsWith('node:'))).toEqual([]);
    // The only @aws-sdk require left is the SDK's optional, guarded one for SigV4a (CRT), never reached here.
    const sdkRequires = new Set([...code.matchAll(/require\(["'](@aws-sdk\/[^"']+)["']\)/g)].map((m) => m[1]));
    expect([...sdkRequires].filter((s) => !/^@aws-sdk\/signature-v4(-crt|a)$/.test(s!))).toEqual([]);
  });

  it('loads in a fresh Node and answers an unknown route as API Gateway would (403), keeping error names', () => {
    const result = invoke({ TABLE_NAME: 'products' }, { httpMethod: 'PATCH', resource: '/nowhere', path: '/nowhere', requestContext: { requestId: 'r-1' } });
    expect(result.statusCode).toBe(403);
    expect(JSON.parse(result.body)).toMatchObject({ message: 'Missing Authentication Token' });
  });

  it('answers 500 (not a crash) when TABLE_NAME is missing', () => {
    const result = invoke({}, { httpMethod: 'GET', resource: '/products', path: '/products', requestContext: { requestId: 'r-2' } });
    expect(result.statusCode).toBe(500);
  });

  it('targets the runtime’s Node version', () => {
    expect(esbuildTarget('nodejs24.x')).toBe('node24');
    expect(() => esbuildTarget('python3.13')).toThrow(expect.objectContaining({ code: 'bundle_failed' }));
  });
});
