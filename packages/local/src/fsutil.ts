import { mkdir, readFile, rename, writeFile, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes a file so that a crash leaves either the old or the new content, never half of it
 * (write a sibling, fsync, rename). `mode` applies from creation, so a secret is never readable
 * by others even for a moment.
 * @example await writeFileAtomic('.local/pool.json', JSON.stringify(pool), 0o600);
 */
export async function writeFileAtomic(path: string, content: string, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, content, { mode });
  const handle = await open(tmp, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

/**
 * Reads and parses a JSON file, or returns `undefined` when it does not exist. A file that is not
 * JSON throws an error naming the file and the position, never its content.
 * @example const state = await readJsonIfExists<State>('.local/keys/state.json');
 */
export async function readJsonIfExists<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    // V8 quotes a piece of the text in its message (`..."clientSecret":abc12"... is not valid
    // JSON`) and these files hold client secrets and private keys: keep only the position, and
    // drop the original as cause on purpose.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new SyntaxError(`"${path}" is not valid JSON${position ? ` (at position ${position})` : ''}`);
  }
}
