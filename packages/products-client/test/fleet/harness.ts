// The fleet harness, shared by fleet.test.ts and the client bench: a counting token endpoint and a
// small API on 127.0.0.1 (random ports), and child processes running child.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { FleetConfig } from './child.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** The token endpoint and API the fleet talks to. */
export interface FleetServers {
  tokenUrl: string;
  baseUrl: string;
  /** The scope of each token request received, in order. */
  tokenRequests: string[];
  /** Leave the next token requests unanswered (as a holder killed mid-fetch would never see). */
  holdTokenRequests: boolean;
  /** Every token issued so far answers 401 at the API from now on (revoked). */
  revokeAll(): void;
  stop(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += String(chunk)));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

/**
 * Starts the token endpoint (counts requests, tokens valid until revoked) and the API (200/201 for a
 * valid bearer token, 401 otherwise).
 * @example const servers = await startFleetServers(); servers.tokenRequests.length;
 */
export async function startFleetServers(): Promise<FleetServers> {
  const valid = new Set<string>();
  const sockets = new Set<Socket>();
  const track = (server: Server) => server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const servers: FleetServers = {
    tokenUrl: '',
    baseUrl: '',
    tokenRequests: [],
    holdTokenRequests: false,
    revokeAll: () => valid.clear(),
    async stop() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([token, api].map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
  const token = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const scope = new URLSearchParams(await body(request)).get('scope') ?? '';
    servers.tokenRequests.push(scope);
    if (servers.holdTokenRequests) return; // never answered
    const value = `fleet-${servers.tokenRequests.length}-${scope}`;
    valid.add(value);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: value, expires_in: 3600, token_type: 'Bearer' }));
  });
  const api = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    await body(request);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !valid.has(bearer)) {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Unauthorized' }));
      return;
    }
    const created = request.method === 'POST';
    response
      .writeHead(created ? 201 : 200, { 'content-type': 'application/json' })
      .end(JSON.stringify(created ? { id: 'x', name: 'Fleet', price: 1, createdAt: '', updatedAt: '', createdBy: '', version: 1 } : { items: [] }));
  });
  track(token);
  track(api);
  servers.tokenUrl = `http://127.0.0.1:${await listen(token)}/oauth2/token`;
  servers.baseUrl = `http://127.0.0.1:${await listen(api)}/dev`;
  return servers;
}

/**
 * Bundles child.ts (with the AWS SDK) into `outDir` and returns the file to run with node.
 * @example const child = await buildFleetChild(workDir);
 */
export async function buildFleetChild(outDir: string): Promise<string> {
  const outfile = join(outDir, 'fleet-child.mjs');
  await build({
    entryPoints: [join(here, 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
    conditions: ['@org/source'],
    // The AWS SDK's CommonJS parts call require() for Node built-ins.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

/** What a member prints after a round of calls. */
export interface RoundResult {
  statuses: (number | string)[];
  stats: Record<string, number>;
}

/** One child process of the fleet. */
export interface FleetMember {
  process: ChildProcess;
  /** Resolves once the child has built its client. */
  ready: Promise<void>;
  /** Starts a round of calls; resolves with its result. */
  go(): Promise<RoundResult>;
  /** Ends its input, so that it exits. */
  end(): void;
  /** Resolves with the exit code (null when killed) and stderr. */
  exited: Promise<{ code: number | null; stderr: string }>;
}

/**
 * Spawns one member running `childFile` with `config` (FLEET_CONFIG); killed after `watchdogMs`.
 * @example const member = spawnFleetMember(child, config); await member.ready; await member.go();
 */
export function spawnFleetMember(childFile: string, config: FleetConfig, watchdogMs = 60_000): FleetMember {
  const child = spawn(process.execPath, [childFile], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FLEET_CONFIG: JSON.stringify(config), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += String(chunk);
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  const watchdog = setTimeout(() => child.kill('SIGKILL'), watchdogMs);
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(watchdog);
      for (const waiter of waiters.splice(0)) waiter(JSON.stringify({ exited: code, stderr }));
      resolve({ code, stderr });
    }),
  );
  const next = () => new Promise<string>((resolve) => (lines.length > 0 ? resolve(lines.shift()!) : waiters.push(resolve)));
  const ready = next().then((line) => {
    if (!(JSON.parse(line) as { ready?: boolean }).ready) throw new Error(`fleet member did not start: ${line}`);
  });
  return {
    process: child,
    ready,
    async go() {
      child.stdin!.write('go\n');
      return JSON.parse(await next()) as RoundResult;
    },
    end: () => child.stdin!.end(),
    exited,
  };
}
