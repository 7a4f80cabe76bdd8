// Helpers for bench/soak.mjs and bench/kill9.mjs: the local stack as a child process, its tokens, its
// RSS, and HTTP on loopback with keep-alive (no dependency: node:http).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Starts bench/stack-process.mjs as a child; resolves with its ready line once it prints it.
 * @example const stack = await startStackChild(['--data-dir', dir]); ... stack.child.kill('SIGKILL');
 */
export function startStackChild(args = [], env = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@org/source', join(here, 'stack-process.mjs'), ...args], {
      cwd: here,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env, ...env },
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The stack child was not ready after 60 s:\n${out}\n${err}`));
    }, 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"ready"'));
      if (line) {
        clearTimeout(timer);
        resolve({ ...JSON.parse(line), child, startMs: performance.now() - started, stderr: () => err });
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The stack child exited (${code ?? signal}) before it was ready:\n${err}`));
    });
  });
}

/** Resident set size of a process in MB (Linux /proc), or NaN elsewhere. */
export function rssMb(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP exchange on loopback: { status, body } (body text), or throws on a network error. */
export function send(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = httpRequest({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) }, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Closes the keep-alive sockets (before killing the stack, or they hang on). */
export const closeSockets = () => agent.destroy();

/** An access token of a client of the stack (client_credentials, Basic). */
export async function tokenOf(stack, name = 'products-admin') {
  const c = stack.clients.find((x) => x.name === name);
  if (!c) throw new Error(`No client ${name} in the stack (have ${stack.clients.map((x) => x.name).join(', ')}).`);
  const r = await send(`${stack.tokenUrl}?grant_type=client_credentials`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  if (r.status !== 200) throw new Error(`Token for ${name}: ${r.status} ${r.body}`);
  return JSON.parse(r.body).access_token;
}

/** Percentile of sorted numbers. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Stops a child with SIGTERM and waits for it (SIGKILL after 10 s). */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
