import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirOwner, lockDataDir, processStart } from './lock.ts';

const withDir = async (run: (dir: string) => Promise<void>) => {
  const dir = await mkdtemp(join(tmpdir(), 'products-local-lock-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

describe('the data dir claim', () => {
  it('dataDirOwner names another live holder only: not this process, not a dead one, not a free dir', async () => {
    await withDir(async (dir) => {
      const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
      try {
        expect(await dataDirOwner(dir)).toBeUndefined();
        const release = await lockDataDir(dir);
        expect(await dataDirOwner(dir)).toBeUndefined();
        await release();
        await writeFile(join(dir, 'products-local.pid'), JSON.stringify({ pid: child.pid, started: await processStart(child.pid!) }));
        expect(await dataDirOwner(dir)).toBe(child.pid);
        await expect(lockDataDir(dir)).rejects.toMatchObject({ code: 'data_dir_unusable' });
        child.kill('SIGKILL');
        await new Promise((resolve) => child.once('exit', resolve));
        expect(await dataDirOwner(dir)).toBeUndefined();
        // A claim left by a dead process is taken over.
        await (await lockDataDir(dir))();
      } finally {
        child.kill('SIGKILL');
      }
    });
  });

  it.runIf(process.platform === 'linux')('a claim whose pid now belongs to an unrelated live process is stale and taken over', async () => {
    await withDir(async (dir) => {
      const unrelated = spawn('sleep', ['30'], { stdio: 'ignore' });
      try {
        // The same pid, another start time: the kernel reused the pid of a stack killed long ago.
        await writeFile(join(dir, 'products-local.pid'), JSON.stringify({ pid: unrelated.pid, started: '1' }));
        expect(await dataDirOwner(dir)).toBeUndefined();
        const release = await lockDataDir(dir);
        expect(JSON.parse(await readFile(join(dir, 'products-local.pid'), 'utf8'))).toMatchObject({ pid: process.pid });
        await release();
        // An old bare-pid claim naming a live process that is not Node: stale too.
        await writeFile(join(dir, 'products-local.pid'), String(unrelated.pid));
        await (await lockDataDir(dir))();
      } finally {
        unrelated.kill('SIGKILL');
      }
    });
  });

  it('two stacks taking over one stale claim at once: exactly one wins', async () => {
    await withDir(async (dir) => {
      await writeFile(join(dir, 'products-local.pid'), JSON.stringify({ pid: 2 ** 22 + 12345, started: '1' }));
      // Two "stacks" in one process would be refused by the in-process guard, so race the file logic
      // from two child processes.
      const script = `import(${JSON.stringify(new URL('./lock.ts', import.meta.url).href)}).then(async (m) => { try { await m.lockDataDir(${JSON.stringify(dir)}); console.log('won'); setTimeout(() => {}, 1500); } catch (e) { console.log(e.code); } });`;
      const run = () =>
        new Promise<string>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.on('exit', () => resolve(out.trim()));
        });
      const results = (await Promise.all([run(), run()])).sort();
      expect(results).toEqual(['data_dir_unusable', 'won']);
    });
  }, 20_000);
});
