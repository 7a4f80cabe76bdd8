#!/usr/bin/env node
// The local stack in a process of its own, for bench/soak.mjs and bench/kill9.mjs: throttling off (a
// load test measures the emulator, not the stage's 50 requests per second), on a data dir or in
// memory. Prints one JSON line (urls, clients, pid) when ready; stops on SIGTERM.
// Run with `node --import tsx --conditions=@org/source stack-process.mjs [--data-dir <dir>]`.
import { startLocalStack } from '@org/products-local';

const at = process.argv.indexOf('--data-dir');
const dataDir = at > 0 ? process.argv[at + 1] : undefined;
const port = Number(process.env.STACK_PORT ?? 0);
const stack = await startLocalStack({ port, throttling: false, ...(dataDir ? { dataDir } : { inMemory: true }) });
process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, apiUrl: stack.apiUrl, tokenUrl: stack.tokenUrl, port: stack.port, clients: stack.clients })}\n`);
process.once('SIGTERM', () => {
  stack.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
