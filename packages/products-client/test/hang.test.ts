// The hang of issue 13: a token endpoint (or API) that accepts the connection and never answers,
// and a garbage collection while the request waits. With `AbortSignal.timeout()` handed to
// `new Request()`, the collection dropped the timeout and the call never settled on Node 20-24.
// Needs `node --expose-gc`, hence a child process running an esbuild bundle of the fixture.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'products-client-hang-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

it('a token request and an API call to a server that never answers end in timeouts despite a forced GC', async () => {
  const outfile = join(workDir, 'child.mjs');
  await build({ entryPoints: [join(here, 'fixtures', 'silent-server-child.ts')], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
  const child = spawn(process.execPath, ['--expose-gc', outfile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  // A hang detector, not a timing assertion: the calls time out after 1 s; a child still running
  // after 15 s is the bug, and is killed so that the failure is reported rather than waited for.
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(watchdog);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(JSON.parse(stdout)).toEqual({ token: 'TokenRequestError:timeout', api: 'RequestTimeoutError:timeout', gc: 'function' });
}, 30_000);
