import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { model } from '@org/products-core/contract';
import { KeyStore } from './cognito/keys.ts';
import { resolvePool } from './config.ts';
import { readJsonIfExists } from './fsutil.ts';

// A fragment V8 would quote in its JSON.parse message ("..."clientSecret":s3cr3tfra"...).
const SECRET = 's3cr3tfragment0123456789';

/** Every message and stack of an error and its causes, as a log or a crash report would show them. */
function everything(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as Error | undefined; e; e = e.cause as Error | undefined) parts.push(String(e.message), String(e.stack));
  return parts.join('\n');
}

async function withDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'products-local-fsutil-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('a corrupt file holding secrets', () => {
  it('readJsonIfExists names the file and the position, never the content', async () => {
    await withDir(async (dir) => {
      const file = join(dir, 'pool.json');
      await writeFile(file, `{"clientSecret":${SECRET}}`);
      const error = await readJsonIfExists(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyntaxError);
      expect((error as Error).message).toBe(`"${file}" is not valid JSON`);
      expect(everything(error)).not.toContain(SECRET.slice(0, 8));
      await writeFile(file, `{"clientSecret":"${SECRET}"`);
      expect(((await readJsonIfExists(file).catch((e: unknown) => e)) as Error).message).toBe(`"${file}" is not valid JSON (at position 42)`);
      expect(await readJsonIfExists(join(dir, 'missing.json'))).toBeUndefined();
    });
  });

  it('pool.json: data_dir_unusable without the secret', async () => {
    await withDir(async (dir) => {
      await writeFile(join(dir, 'pool.json'), `{"userPoolId":"us-east-1_x","clients":[{"name":"a","clientId":"b","clientSecret":${SECRET}}]}`);
      const error = await resolvePool({ model, config: {}, region: 'us-east-1', dataDir: dir }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'data_dir_unusable' });
      expect((error as Error).message).toContain('pool.json" is not valid JSON');
      expect(everything(error)).not.toContain(SECRET.slice(0, 8));
    });
  });

  it('a private key file: keys_unreadable without the key material', async () => {
    await withDir(async (dir) => {
      await mkdir(join(dir, 'keys'));
      await writeFile(join(dir, 'keys', 'state.json'), '{"current":"k1","kids":["k1"]}');
      await writeFile(join(dir, 'keys', 'k1.private.jwk.json'), `{"kty":"RSA","d":${SECRET}}`);
      const error = await KeyStore.open(join(dir, 'keys')).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'keys_unreadable' });
      expect((error as Error).message).toContain('k1.private.jwk.json" is not valid JSON');
      expect(everything(error)).not.toContain(SECRET.slice(0, 8));
    });
  });
});
