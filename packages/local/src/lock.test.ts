import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataDirOwner, lockDataDir } from './lock.ts';

describe('the data dir claim', () => {
  it('dataDirOwner names another live holder only: not this process, not a dead one, not a free dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'products-local-lock-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      expect(await dataDirOwner(dir)).toBeUndefined();
      const release = await lockDataDir(dir);
      expect(await dataDirOwner(dir)).toBeUndefined();
      await release();
      await writeFile(join(dir, 'products-local.pid'), String(child.pid));
      expect(await dataDirOwner(dir)).toBe(child.pid);
      await expect(lockDataDir(dir)).rejects.toMatchObject({ code: 'data_dir_unusable' });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(await dataDirOwner(dir)).toBeUndefined();
      // A claim left by a dead process is taken over.
      await (await lockDataDir(dir))();
    } finally {
      child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});
