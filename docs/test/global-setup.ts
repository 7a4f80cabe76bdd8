import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs the real docs build (the same `node build.mjs` as `pnpm docs:build`) once per test run. */
export function setup(): void {
  const build = fileURLToPath(new URL('../build.mjs', import.meta.url));
  try {
    execFileSync(process.execPath, [build], { encoding: 'utf8', stdio: 'pipe' });
  } catch (cause) {
    const e = cause as { stdout?: string; stderr?: string };
    throw new Error(`The docs build failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause });
  }
}
