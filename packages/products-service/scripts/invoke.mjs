#!/usr/bin/env node
// Imports a bundled handler in this fresh process and serves one event (JSON on stdin), then prints one
// JSON line: { importMs, invokeMs, warmMs, totalMs, importCpuMs, invokeCpuMs, result } (the *CpuMs figures are this
// process's CPU time, user + system: less swayed than wall time by other jobs on a shared machine). Used by the bundle test and the cold-start
// bench. With a count > 1 it serves the same event again (warmMs = the last of those, a warm invocation).
//   node scripts/invoke.mjs dist/handler.mjs [count] < event.json
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle) {
  console.error('usage: node scripts/invoke.mjs <bundle.mjs> < event.json');
  process.exit(2);
}
let input = '';
for await (const chunk of process.stdin) input += chunk;
const event = JSON.parse(input);

// performance.now() counts from this process's start, so totalMs includes Node's own boot.
const cpuMs = (usage) => (usage.user + usage.system) / 1000;
const beforeImport = performance.now();
const cpu0 = process.cpuUsage();
const { handler } = await import(pathToFileURL(resolve(bundle)).href);
const afterImport = performance.now();
const cpu1 = process.cpuUsage();
const context = { awsRequestId: 'cold-start', getRemainingTimeInMillis: () => 30000 };
const result = await handler(event, context);
const afterInvoke = performance.now();
const cpu2 = process.cpuUsage();
let warmMs;
for (let i = 1; i < Number(process.argv[3] ?? 1); i++) {
  const start = performance.now();
  await handler(event, context);
  warmMs = performance.now() - start;
}
process.stdout.write(
  `${JSON.stringify({ importMs: afterImport - beforeImport, invokeMs: afterInvoke - afterImport, warmMs, totalMs: afterInvoke, importCpuMs: cpuMs(cpu1) - cpuMs(cpu0), invokeCpuMs: cpuMs(cpu2) - cpuMs(cpu1), result })}\n`,
);
// The SDK keeps sockets alive; a Lambda would be frozen here, a process just ends.
process.exit(0);
