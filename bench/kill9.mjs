#!/usr/bin/env node
// Durability under kill -9: writes under load against the local stack in a child process on a temp
// data dir, SIGKILL while writes are in flight, a restart on the same data dir, then a read of every
// write the stack acknowledged (a 201 for a create, a 200 with its version for an update). Repeated
// KILL9_ROUNDS times on the same data dir; prints the counts (no assertions), exits 1 if any
// acknowledged write is missing.
//   pnpm --filter @org/products-bench kill9     KILL9_ROUNDS (default 2), KILL9_SECONDS (load before each kill, default 5), KILL9_CONCURRENCY (8)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeSockets, send, startStackChild, stopChild, tokenOf } from './stack-child.mjs';

const ROUNDS = Number(process.env.KILL9_ROUNDS ?? 2);
const SECONDS = Number(process.env.KILL9_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.KILL9_CONCURRENCY ?? 8);
if (!(ROUNDS >= 1 && ROUNDS <= 20) || !(SECONDS > 0 && SECONDS <= 600) || !(CONCURRENCY >= 1 && CONCURRENCY <= 256)) {
  console.error('kill9: KILL9_ROUNDS must be 1..20, KILL9_SECONDS 1..600 and KILL9_CONCURRENCY 1..256.');
  process.exit(2);
}

const dir = await mkdtemp(join(tmpdir(), 'products-kill9-'));
const fmt = (n) => n.toLocaleString('en-US');
/** id → the highest version the stack acknowledged (1 for a create). */
const acknowledged = new Map();
let missing = 0;
let older = 0;
let totalAcked = 0;
let totalInFlight = 0;
let inFlightFound = 0;
const restartMs = [];

try {
  let stack = await startStackChild(['--data-dir', dir]);
  for (let round = 1; round <= ROUNDS; round++) {
    const token = await tokenOf(stack);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const inFlight = new Set();
    let stop = false;
    let acks = 0;
    let refused = 0;
    let networkErrors = 0;
    // Each writer creates its own ids and updates each once right after (If-Match on the version it got).
    const writer = async (w) => {
      for (let n = 0; !stop; n++) {
        const id = `r${round}-w${w}-${n}`;
        try {
          inFlight.add(id);
          const created = await send(`${stack.apiUrl}/products`, { method: 'POST', headers, body: JSON.stringify({ id, name: id, price: n }) });
          inFlight.delete(id);
          if (created.status !== 201) {
            refused++;
            continue;
          }
          acknowledged.set(id, 1);
          acks++;
          if (stop) break;
          inFlight.add(id);
          const updated = await send(`${stack.apiUrl}/products/${id}`, { method: 'PUT', headers: { ...headers, 'if-match': '"1"' }, body: JSON.stringify({ name: `${id} v2`, price: n + 1 }) });
          inFlight.delete(id);
          if (updated.status === 200) {
            acknowledged.set(id, 2);
            acks++;
          } else refused++;
        } catch {
          // The kill: this write was in flight (it stays in `inFlight`), its fate unknown to the client.
          networkErrors++;
          break;
        }
      }
    };
    const writers = Array.from({ length: CONCURRENCY }, (_, w) => writer(w));
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    // kill -9 with writes in flight; the writers see their sockets reset.
    stack.child.kill('SIGKILL');
    stop = true;
    await new Promise((resolve) => (stack.child.exitCode !== null || stack.child.signalCode !== null ? resolve() : stack.child.once('exit', resolve)));
    await Promise.all(writers);
    closeSockets();
    totalAcked += acks;
    totalInFlight += inFlight.size;

    stack = await startStackChild(['--data-dir', dir]);
    restartMs.push(stack.startMs);
    const reader = await tokenOf(stack, 'products-reader');
    let roundMissing = 0;
    for (const [id, version] of acknowledged) {
      const r = await send(`${stack.apiUrl}/products/${id}`, { headers: { authorization: `Bearer ${reader}` } });
      if (r.status !== 200) {
        roundMissing++;
        console.log(`  MISSING ${id} (acknowledged version ${version}): ${r.status} ${r.body.slice(0, 200)}`);
      } else if (JSON.parse(r.body).version < version) {
        older++;
        console.log(`  OLDER ${id}: version ${JSON.parse(r.body).version}, acknowledged ${version}`);
      }
    }
    for (const id of inFlight) {
      if (acknowledged.has(id)) continue; // an update in flight: its create is checked above
      const r = await send(`${stack.apiUrl}/products/${id}`, { headers: { authorization: `Bearer ${reader}` } });
      if (r.status === 200) inFlightFound++;
    }
    missing += roundMissing;
    console.log(
      `kill9 round ${round}: ${SECONDS} s of writes at concurrency ${CONCURRENCY}, kill -9 with ${inFlight.size} in flight; ${fmt(acks)} writes acknowledged (${fmt(refused)} refused, ${networkErrors} cut by the kill); restart in ${Math.round(stack.startMs)} ms; ${fmt(acknowledged.size)} products checked so far, ${roundMissing} missing`,
    );
  }
  await stopChild(stack.child);
  console.log(
    `kill9: ${ROUNDS} kill -9 rounds on one data dir: ${fmt(totalAcked)} acknowledged writes (${fmt(acknowledged.size)} products), ${missing} missing, ${older} at an older version; ${totalInFlight} writes in flight at the kills, ${inFlightFound} of them present after the restart (either is correct); restarts ${restartMs.map((m) => `${Math.round(m)} ms`).join(', ')}`,
  );
  process.exitCode = missing + older === 0 ? 0 : 1;
} finally {
  closeSockets();
  await rm(dir, { recursive: true, force: true });
}
