// Persistence: data, keys, clients and tokens survive a restart; acknowledged writes survive kill -9.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalStack } from '../src/index.ts';
import { client, tempDir, token } from './helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
// CLI children still running when a test fails or times out (its own finally may never run).
const children = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const c of cleanups) await c();
});

describe('restart on the same data dir', () => {
  it('keeps data, signing keys, client ids and secrets, and tokens issued before', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const first = await startLocalStack({ port: 0, dataDir: dir });
    let stopped = false;
    try {
      const jwt = await token(first, client(first, 'products-admin'));
      const created = await fetch(`${first.apiUrl}/products`, { method: 'POST', headers: { authorization: jwt, 'content-type': 'application/json' }, body: '{"id":"kept","name":"Kept"}' });
      expect(created.status).toBe(201);
      const jwks = await (await fetch(first.jwksUrl)).text();
      const stackJson = JSON.parse(await readFile(join(dir, 'stack.json'), 'utf8'));
      expect(stackJson).toEqual({ apiUrl: first.apiUrl, tokenUrl: first.tokenUrl, issuer: first.issuer, jwksUrl: first.jwksUrl, clients: first.clients });
      // Files holding secrets are readable by the owner only.
      expect((await stat(join(dir, 'stack.json'))).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'pool.json'))).mode & 0o777).toBe(0o600);
      const keyFiles = (await readdir(join(dir, 'keys'))).filter((f) => f.endsWith('.private.jwk.json'));
      expect(keyFiles).toHaveLength(1);
      expect((await stat(join(dir, 'keys', keyFiles[0]!))).mode & 0o777).toBe(0o600);

      // A second stack on the same dir or port is refused with a clear error, and leaves the first intact.
      await expect(startLocalStack({ port: 0, dataDir: dir })).rejects.toMatchObject({ code: 'data_dir_unusable' });
      await expect(startLocalStack({ port: first.port, inMemory: true })).rejects.toMatchObject({ code: 'port_in_use' });
      expect((await fetch(first.jwksUrl)).status).toBe(200);

      await first.stop();
      stopped = true;
      const second = await startLocalStack({ port: first.port, dataDir: dir });
      try {
        expect(second.userPoolId).toBe(first.userPoolId);
        expect(second.issuer).toBe(first.issuer);
        expect(second.clients).toEqual(first.clients);
        expect(await (await fetch(second.jwksUrl)).text()).toBe(jwks);
        const read = await fetch(`${second.apiUrl}/products/kept`, { headers: { authorization: `Bearer ${jwt}` } });
        expect(read.status).toBe(200);
        expect(await read.json()).toMatchObject({ id: 'kept', name: 'Kept' });
      } finally {
        await second.stop();
      }
    } finally {
      if (!stopped) await first.stop();
    }
  });

  it('--in-memory reads and writes nothing in the data dir', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const stack = await startLocalStack({ port: 0, dataDir: dir, inMemory: true });
    await stack.stop();
    expect(await readdir(dir)).toEqual([]);
  });
});

const BIN = fileURLToPath(new URL('../bin/products-local.mjs', import.meta.url));

/** Starts the CLI as a child process and resolves once it prints its ready line. */
function startCli(dataDir: string, ...extra: string[]): Promise<{ child: ChildProcess; apiUrl: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--data-dir', dataDir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`CLI not ready after 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const ready = /products-local ready at (\S+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, apiUrl: ready[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}:\n${out}`));
    });
  });
}

describe('kill -9', () => {
  it('every write acknowledged before kill -9 is there after a restart', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const first = await startCli(dir);
    const ids = Array.from({ length: 20 }, (_, i) => `k${i}`);
    try {
      const doc = JSON.parse(await readFile(join(dir, 'stack.json'), 'utf8'));
      expect(doc.apiUrl).toBe(first.apiUrl);
      const jwt = await token(doc, client(doc, 'products-admin'));
      for (const id of ids) {
        const created = await fetch(`${first.apiUrl}/products`, { method: 'POST', headers: { authorization: jwt, 'content-type': 'application/json' }, body: JSON.stringify({ id, name: id }) });
        expect(created.status).toBe(201);
      }
      expect(first.output()).not.toContain(jwt);
    } finally {
      first.child.kill('SIGKILL');
    }
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startCli(dir);
    try {
      const doc = JSON.parse(await readFile(join(dir, 'stack.json'), 'utf8'));
      const jwt = await token(doc, client(doc, 'products-reader'));
      for (const id of ids) {
        const read = await fetch(`${second.apiUrl}/products/${id}`, { headers: { authorization: jwt } });
        expect([id, read.status]).toEqual([id, 200]);
      }
    } finally {
      second.child.kill('SIGTERM');
      const code = await new Promise((resolve) => second.child.once('exit', resolve));
      // SIGTERM stops cleanly: exit code 0 and the goodbye line.
      expect(code).toBe(0);
      expect(second.output()).toContain('products-local: stopped.');
    }
    // Two CLI starts, each allowed 20 s by startCli.
  }, 60_000);
});

describe('--in-memory next to a persistent stack', () => {
  it('leaves the stack.json of the stack that holds the data dir alone', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    // The claim a running persistent stack leaves; this test process plays that stack.
    await writeFile(join(dir, 'products-local.pid'), String(process.pid));
    await writeFile(join(dir, 'stack.json'), '{"apiUrl":"http://127.0.0.1:4010/dev"}\n');
    const cli = await startCli(dir, '--in-memory');
    try {
      expect(await readFile(join(dir, 'stack.json'), 'utf8')).toBe('{"apiUrl":"http://127.0.0.1:4010/dev"}\n');
      expect(cli.output()).toContain(`stack.json       not written: ${dir} belongs to the stack of process ${process.pid}`);
    } finally {
      cli.child.kill('SIGTERM');
      await new Promise((resolve) => cli.child.once('exit', resolve));
    }
  });
});
