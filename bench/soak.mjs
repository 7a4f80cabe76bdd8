#!/usr/bin/env node
// Soak: authorized reads and writes against the local stack (throttling off, in memory) in a process of
// its own, for a fixed time at a fixed concurrency, on loopback. Prints throughput, p50/p99 latency,
// errors, and the stack's RSS before and after (figures only, no assertions).
//   pnpm --filter @org/products-bench soak          SOAK_SECONDS (default 30), SOAK_CONCURRENCY (16), SOAK_WRITE_SHARE (0.2)
// Each worker loops: 80% reads (GET one of the seeded products, or a page of 20), 20% writes (a create
// of a new id, or a PUT with the If-Match of the version it last saw); an answer other than the
// expected one, or a network error, counts as an error.
import { loadavg } from 'node:os';
import { closeSockets, percentile, rssMb, send, startStackChild, stopChild, tokenOf } from './stack-child.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const WRITE_SHARE = Number(process.env.SOAK_WRITE_SHARE ?? 0.2);
const SEED_PRODUCTS = 200;
if (!(SECONDS > 0 && SECONDS <= 3600) || !(CONCURRENCY >= 1 && CONCURRENCY <= 512) || !(WRITE_SHARE >= 0 && WRITE_SHARE <= 1)) {
  console.error('soak: SOAK_SECONDS must be 1..3600, SOAK_CONCURRENCY 1..512 and SOAK_WRITE_SHARE 0..1.');
  process.exit(2);
}

const stack = await startStackChild();
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
try {
  const token = await tokenOf(stack, 'products-admin');
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const versions = new Map();
  for (let i = 0; i < SEED_PRODUCTS; i++) {
    const id = `soak-${i}`;
    const r = await send(`${stack.apiUrl}/products`, { method: 'POST', headers: json, body: JSON.stringify({ id, name: `Product ${i}`, price: i }) });
    if (r.status !== 201) throw new Error(`seeding ${id}: ${r.status} ${r.body}`);
    versions.set(id, 1);
  }
  // A short warm-up (JIT, dynalite's first pages), then the RSS before.
  for (let i = 0; i < 200; i++) await send(`${stack.apiUrl}/products/soak-${i % SEED_PRODUCTS}`, { headers: auth });
  const rssBefore = rssMb(stack.pid);

  const latencies = { read: [], write: [] };
  const errors = new Map();
  const fail = (what) => errors.set(what, (errors.get(what) ?? 0) + 1);
  let created = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();

  async function worker(w) {
    let n = 0;
    while (performance.now() < deadline) {
      n++;
      const write = Math.random() < WRITE_SHARE;
      const t0 = performance.now();
      try {
        if (!write) {
          const page = n % 10 === 0;
          const r = page ? await send(`${stack.apiUrl}/products?limit=20`, { headers: auth }) : await send(`${stack.apiUrl}/products/soak-${Math.floor(Math.random() * SEED_PRODUCTS)}`, { headers: auth });
          if (r.status !== 200) fail(`${page ? 'list' : 'get'} ${r.status}`);
          latencies.read.push(performance.now() - t0);
        } else if (n % 2 === 0) {
          const id = `soak-w${w}-${n}`;
          const r = await send(`${stack.apiUrl}/products`, { method: 'POST', headers: json, body: JSON.stringify({ id, name: id, price: 1.5 }) });
          if (r.status === 201) created++;
          else fail(`create ${r.status}`);
          latencies.write.push(performance.now() - t0);
        } else {
          // Updates of products only this worker writes (seeded ids by worker), so If-Match always holds.
          const id = `soak-${(w + CONCURRENCY * (n % Math.max(1, Math.floor(SEED_PRODUCTS / CONCURRENCY)))) % SEED_PRODUCTS}`;
          const v = versions.get(id);
          const r = await send(`${stack.apiUrl}/products/${id}`, { method: 'PUT', headers: { ...json, 'if-match': `"${v}"` }, body: JSON.stringify({ name: `${id} v${v + 1}`, price: v }) });
          if (r.status === 200) versions.set(id, v + 1);
          else fail(`update ${r.status}`);
          latencies.write.push(performance.now() - t0);
        }
      } catch (error) {
        fail(`network ${error.code ?? error.message}`);
      }
    }
  }
  // RSS every tenth of the run, to tell growth that levels off (heap sizing, data) from a leak.
  const samples = [];
  const sampler = setInterval(() => samples.push(rssMb(stack.pid)), (SECONDS * 1000) / 10);
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
  clearInterval(sampler);
  const elapsed = (performance.now() - started) / 1000;
  const rssAfter = rssMb(stack.pid);
  const all = [...latencies.read, ...latencies.write].sort((a, b) => a - b);
  const reads = latencies.read.sort((a, b) => a - b);
  const writes = latencies.write.sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);

  console.log(`soak: ${SECONDS} s at concurrency ${CONCURRENCY} against the local stack in a child process (in memory, throttling off), ${fmt(WRITE_SHARE * 100)}% writes`);
  console.log(`  requests      ${fmt(all.length)} (${fmt(reads.length)} reads, ${fmt(writes.length)} writes: ${fmt(created)} creates, the rest If-Match updates)`);
  console.log(`  throughput    ${fmt(all.length / elapsed)} requests/s`);
  console.log(`  latency all   p50 ${fmt(percentile(all, 50), 1)} ms, p99 ${fmt(percentile(all, 99), 1)} ms, max ${fmt(all.at(-1) ?? 0, 1)} ms`);
  console.log(`  latency read  p50 ${fmt(percentile(reads, 50), 1)} ms, p99 ${fmt(percentile(reads, 99), 1)} ms`);
  console.log(`  latency write p50 ${fmt(percentile(writes, 50), 1)} ms, p99 ${fmt(percentile(writes, 99), 1)} ms`);
  console.log(`  errors        ${fmt(errorCount)}${errorCount ? ` (${[...errors].map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`);
  console.log(`  load average  ${loadavg().map((l) => fmt(l, 1)).join(' ')} (1/5/15 min; the box has 2 cores shared with whatever else runs)`);
  console.log(`  stack RSS     ${fmt(rssBefore)} MB before, ${fmt(rssAfter)} MB after (${rssAfter >= rssBefore ? '+' : ''}${fmt(rssAfter - rssBefore)} MB); during: ${samples.map((m) => fmt(m)).join(', ')} MB`);
  process.exitCode = 0;
} finally {
  closeSockets();
  await stopChild(stack.child);
}
