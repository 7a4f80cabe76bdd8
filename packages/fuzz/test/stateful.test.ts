// Stateful sequences (fast-check model-based testing): create → get → update with If-Match → list
// every page → delete → get, on ids that include Object.prototype names, sent to the local stack over a
// socket, the core in process and the MSW kit's mock.fetch in lockstep. Each answer is checked against a model of the store
// and against the contract, and the three targets must agree to the byte (modulo request ids and times):
// their stores hold the same ids, so even the pages and cursors are the same.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operations, resolve, schemaOf } from '../src/cases.ts';
import { checkAnswer, normalize } from '../src/check.ts';
import { toCurl } from '../src/curl.ts';
import { startHarness, type Harness } from '../src/harness.ts';
import { utf8, type FuzzAnswer, type FuzzRequest } from '../src/request.ts';
import { fuzzConfig, newTally, summary } from '../src/run.ts';
import { validValue } from '../src/schema.ts';
import { isStorableNumber } from '@org/products-service/web';

let h: Harness;
const tally = newTally();
let commandsRun = 0;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  console.log(`${summary('stateful', tally)}; ${commandsRun} commands`);
  await h?.stop();
});

const op = (id: string) => {
  const found = operations.find((o) => o.operationId === id);
  if (!found) throw new Error(`The model has no operation ${id}; the stateful suite needs create, get, update, list and delete.`);
  return found;
};
const create = op('createProduct');
const update = op('updateProduct');
const pathOf = (template: string, id: string) => template.replace(/\{[^}]+\}/, encodeURIComponent(id));

type Stored = { version: number; fields: Record<string, unknown> };
type Model = { products: Map<string, Stored> };
type Real = { sent: FuzzRequest[] };

/** Sends one request to both targets, checks each answer, compares them; returns the stack's answer. */
async function exchange(real: Real, request: FuzzRequest, expected: number[]): Promise<{ answer: FuzzAnswer; json: Record<string, unknown> }> {
  real.sent.push(request);
  const answers: FuzzAnswer[] = [];
  for (const target of h.targets) {
    const answer = await target.send(request, `Bearer ${await target.credentials.client('products-admin')}`);
    tally.requests++;
    tally.byStatus.set(answer.status, (tally.byStatus.get(answer.status) ?? 0) + 1);
    const problems = checkAnswer(request, answer, { authorized: true });
    if (!expected.includes(answer.status)) problems.push(`expected ${expected.join(' or ')} by the model, got ${answer.status}: ${answer.body.slice(0, 300)}`);
    if (problems.length > 0) throw new Error(`[${target.name}] ${problems.join('\n')}\nreplay (after the ${real.sent.length - 1} requests before it):\n${toCurl(request, new URL(h.stack.apiUrl).origin, h.stack.stage)}`);
    answers.push(answer);
  }
  const [a, ...others] = answers as [FuzzAnswer, ...FuzzAnswer[]];
  const exact = (x: FuzzAnswer) => ({ ...normalize(x, { ...request, operationId: null }), etag: x.headers.etag, location: x.headers.location?.replace(/^https?:\/\/[^/]+/, '') });
  for (const [i, b] of others.entries()) {
    expect(exact(b), `${h.targets[i + 1]!.name} vs stack for ${request.label}\n${toCurl(request, new URL(h.stack.apiUrl).origin, h.stack.stage)}`).toEqual(exact(a));
  }
  return { answer: a, json: a.body ? (JSON.parse(a.body) as Record<string, unknown>) : {} };
}

const IDS = ['a', '__proto__', 'constructor', 'x-1'];
const fields = (key: string) =>
  (validValue(schemaOf(update.body!.media['application/json']!), resolve) as fc.Arbitrary<Record<string, unknown>>).filter((v) =>
    Object.values(v).every((x) => typeof x !== 'number' || isStorableNumber(x)),
  ).map((v) => ({ key, v }));

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: string, readonly body: Record<string, unknown>) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const exists = model.products.has(this.id);
    const { answer, json } = await exchange(real, { label: `create ${this.id}`, operationId: create.operationId, method: create.method, path: create.path, headers: [['Content-Type', 'application/json']], auth: { kind: 'client', client: 'products-admin' }, body: utf8(JSON.stringify({ id: this.id, ...this.body })), valid: true }, [exists ? 409 : 201]);
    if (!exists) {
      expect(json).toMatchObject({ id: this.id, version: 1, ...this.body });
      expect(answer.headers.etag).toBe('"1"');
      model.products.set(this.id, { version: 1, fields: this.body });
    }
  }
  toString = () => `create(${this.id}, ${JSON.stringify(this.body)})`;
}

class Get implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const stored = model.products.get(this.id);
    const get = op('getProduct');
    const { answer, json } = await exchange(real, { label: `get ${this.id}`, operationId: get.operationId, method: get.method, path: pathOf(get.path, this.id), headers: [], auth: { kind: 'client', client: 'products-admin' }, valid: true }, [stored ? 200 : 404]);
    if (stored) {
      expect(json).toMatchObject({ id: this.id, version: stored.version, ...stored.fields });
      // A field left out of the last write is gone.
      for (const k of ['description', 'price']) if (!(k in stored.fields)) expect(json).not.toHaveProperty(k);
      expect(answer.headers.etag).toBe(`"${stored.version}"`);
    }
  }
  toString = () => `get(${this.id})`;
}

type Precondition = 'current' | 'stale' | 'star' | 'none' | 'weak';

class Update implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: string, readonly body: Record<string, unknown>, readonly ifMatch: Precondition) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const stored = model.products.get(this.id);
    const version = stored?.version ?? 1;
    const header = { current: `"${version}"`, stale: `"${version + 1}"`, star: '*', none: undefined, weak: `W/"${version}"` }[this.ifMatch];
    // Missing product: 404 whatever the precondition. Present: a strong match, `*` or no If-Match
    // writes; a stale or weak tag is 412 (If-Match compares strongly).
    const expected = !stored ? 404 : this.ifMatch === 'stale' || this.ifMatch === 'weak' ? 412 : 200;
    const { answer, json } = await exchange(
      real,
      { label: `update ${this.id} If-Match ${this.ifMatch}`, operationId: update.operationId, method: update.method, path: pathOf(update.path, this.id), headers: [['Content-Type', 'application/json'], ...(header ? ([['If-Match', header]] as [string, string][]) : [])], auth: { kind: 'client', client: 'products-admin' }, body: utf8(JSON.stringify(this.body)), valid: true },
      [expected],
    );
    if (expected === 200) {
      expect(json).toMatchObject({ id: this.id, version: version + 1, ...this.body });
      expect(answer.headers.etag).toBe(`"${version + 1}"`);
      model.products.set(this.id, { version: version + 1, fields: this.body });
    }
  }
  toString = () => `update(${this.id}, If-Match ${this.ifMatch}, ${JSON.stringify(this.body)})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const del = op('deleteProduct');
    await exchange(real, { label: `delete ${this.id}`, operationId: del.operationId, method: del.method, path: pathOf(del.path, this.id), headers: [], auth: { kind: 'client', client: 'products-admin' }, valid: true }, [model.products.has(this.id) ? 204 : 404]);
    model.products.delete(this.id);
  }
  toString = () => `delete(${this.id})`;
}

class ListAll implements fc.AsyncCommand<Model, Real> {
  constructor(readonly limit: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const list = op('listProducts');
    const seen: string[] = [];
    let cursor: string | undefined;
    // Each page has at most `limit` items and the cursors end: at most one page per product, plus one.
    for (let page = 0; ; page++) {
      expect(page, 'the cursor chain does not end').toBeLessThanOrEqual(model.products.size + 1);
      const query = `?limit=${this.limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { json } = await exchange(real, { label: `list limit ${this.limit} page ${page}`, operationId: list.operationId, method: list.method, path: `${list.path}${query}`, headers: [], auth: { kind: 'client', client: 'products-admin' }, valid: true }, [200]);
      const items = json.items as { id: string; version: number }[];
      expect(items.length).toBeLessThanOrEqual(this.limit);
      for (const item of items) {
        seen.push(item.id);
        expect(item.version).toBe(model.products.get(item.id)?.version);
      }
      cursor = json.nextCursor as string | undefined;
      if (cursor === undefined) break;
    }
    // Every product once, nothing else.
    expect([...seen].sort()).toEqual([...model.products.keys()].sort());
  }
  toString = () => `listAll(limit ${this.limit})`;
}

const id = fc.constantFrom(...IDS);
const commands = [
  // Creates twice as often, so the other commands meet products more often than 404s.
  fc.tuple(id, id.chain(fields)).map(([i, { v }]) => new Create(i, v)),
  fc.tuple(id, id.chain(fields)).map(([i, { v }]) => new Create(i, v)),
  id.map((i) => new Get(i)),
  fc.tuple(id, id.chain(fields), fc.constantFrom<Precondition>('current', 'current', 'stale', 'star', 'none', 'weak')).map(([i, { v }, p]) => new Update(i, v, p)),
  id.map((i) => new Delete(i)),
  fc.integer({ min: 1, max: 4 }).map((n) => new ListAll(n)),
];

it('create → get → update with If-Match → list every page → delete → get: the model, the contract and both targets agree', async () => {
  const created = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
      // Each run starts from an empty store: remove what the previous run left (on both targets).
      const real: Real = { sent: [] };
      const del = op('deleteProduct');
      for (const i of created) {
        for (const target of h.targets) await target.send({ label: 'cleanup', operationId: del.operationId, method: 'DELETE', path: pathOf(del.path, i), headers: [], auth: { kind: 'none' }, valid: true }, `Bearer ${await target.credentials.client('products-admin')}`);
      }
      for (const i of IDS) created.add(i);
      tally.cases++;
      const list = [...cmds];
      commandsRun += list.length;
      await fc.asyncModelRun(() => ({ model: { products: new Map() }, real }), cmds);
    }),
    { seed: fuzzConfig.seed, numRuns: fuzzConfig.runs(80) },
  );
  expect(commandsRun).toBeGreaterThan(0);
});
