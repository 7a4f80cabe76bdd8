import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LocalStackError } from './errors.ts';

const held = new Set<string>();

/** What the claim file holds: the holder's pid and its start time, so a reused pid is not mistaken for it. */
type Claim = { pid: number; started: string | null };

/**
 * A process's start time as the kernel counts it (`/proc/<pid>/stat`, field 22), or null where
 * there is no /proc (macOS) or the process is gone. A pid the kernel has given to another process
 * since has another start time.
 * @example processStart(process.pid) // '123456'
 */
export async function processStart(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function parseClaim(text: string): Claim | undefined {
  const trimmed = text.trim();
  // Older stacks wrote the bare pid.
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), started: null };
  try {
    const value = JSON.parse(trimmed) as Partial<Claim>;
    if (typeof value.pid === 'number' && Number.isInteger(value.pid) && value.pid > 0) return { pid: value.pid, started: typeof value.started === 'string' ? value.started : null };
  } catch {
    // A torn or foreign file is no claim.
  }
  return undefined;
}

/** Whether the claim's holder still runs: its pid is alive and, where /proc tells, it is the same process. */
async function holderAlive(claim: Claim): Promise<boolean> {
  if (claim.pid === process.pid || !alive(claim.pid)) return false;
  const now = await processStart(claim.pid);
  if (claim.started !== null && now !== null) return claim.started === now;
  if (claim.started === null && now !== null) {
    // An old bare-pid claim: only a Node process can be a stack.
    const cmdline = await readFile(`/proc/${claim.pid}/cmdline`, 'utf8').catch(() => '');
    return /node|bun|deno/.test(cmdline.split('\0')[0] ?? '');
  }
  return true;
}

/**
 * Claims a data dir for this stack, so a second stack on the same dir fails with a clear error
 * instead of crashing inside dynalite (LevelDB's own lock). The claim is `<dir>/products-local.pid`
 * (pid and start time). A claim whose holder is gone, even if its pid now belongs to an unrelated
 * process, is taken over; two stacks taking over the same stale claim at once cannot both win (the
 * stale file is moved aside atomically and checked before a new claim is created exclusively).
 * @example const release = await lockDataDir('.local'); ...; await release();
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'products-local.pid');
  const inUse = (by: string): LocalStackError =>
    new LocalStackError('data_dir_unusable', `The data dir "${dir}" is in use by ${by}: stop it, or pass another --data-dir (or --in-memory).`);
  if (held.has(file)) throw inUse('another stack in this process');
  const mine = JSON.stringify({ pid: process.pid, started: await processStart(process.pid) } satisfies Claim);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // The claim appears whole or not at all (written aside, then linked): a claim read while being
      // written would look empty, and an empty claim is stale.
      const temp = `${file}.${randomBytes(6).toString('hex')}.new`;
      await writeFile(temp, mine, { mode: 0o644, flag: 'wx' });
      try {
        await link(temp, file);
      } finally {
        await rm(temp, { force: true });
      }
      held.add(file);
      return async () => {
        held.delete(file);
        // Remove the claim only while it is still ours.
        if ((await readFile(file, 'utf8').catch(() => '')) === mine) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = await readFile(file, 'utf8').catch(() => '');
      const claim = parseClaim(text);
      if (claim && (await holderAlive(claim))) throw inUse(`process ${claim.pid}`);
      await takeOverStale(file, text);
    }
  }
  throw inUse('another stack starting at the same time');
}

/** Moves a stale claim aside; if what was moved is not the stale claim read before, puts it back. */
async function takeOverStale(file: string, staleText: string): Promise<void> {
  const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return; // Someone else moved it first: try to claim again.
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== staleText) {
    // A fresh claim of another stack was moved: restore it unless a newer one exists.
    await link(aside, file).catch(() => undefined);
  }
  await rm(aside, { force: true });
}

/**
 * The pid of another live process whose stack holds `dir`, or `undefined` when nobody does.
 * @example if (await dataDirOwner('.local')) console.log('a persistent stack runs on .local');
 */
export async function dataDirOwner(dir: string): Promise<number | undefined> {
  const claim = parseClaim(await readFile(join(dir, 'products-local.pid'), 'utf8').catch(() => ''));
  return claim && (await holderAlive(claim)) ? claim.pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
