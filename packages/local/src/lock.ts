import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { LocalStackError } from './errors.ts';

const held = new Set<string>();

/**
 * Claims a data dir for this stack, so a second stack on the same dir fails with a clear error
 * instead of crashing inside dynalite (LevelDB's own lock). The claim is `<dir>/products-local.pid`;
 * a file left by a killed process (pid no longer alive) is taken over.
 * @example const release = await lockDataDir('.local'); ...; await release();
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'products-local.pid');
  const inUse = (by: string): LocalStackError =>
    new LocalStackError('data_dir_unusable', `The data dir "${dir}" is in use by ${by}: stop it, or pass another --data-dir (or --in-memory).`);
  if (held.has(file)) throw inUse('another stack in this process');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      held.add(file);
      return async () => {
        held.delete(file);
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (pid > 0 && pid !== process.pid && alive(pid)) throw inUse(`process ${pid}`);
      await rm(file, { force: true });
    }
  }
  throw inUse('another stack starting at the same time');
}

/**
 * The pid of another live process whose stack holds `dir`, or `undefined` when nobody does.
 * @example if (await dataDirOwner('.local')) console.log('a persistent stack runs on .local');
 */
export async function dataDirOwner(dir: string): Promise<number | undefined> {
  const pid = Number((await readFile(join(dir, 'products-local.pid'), 'utf8').catch(() => '')).trim());
  return pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
