// The two repositories answer alike, request for request: random sequences of operations (fast-check) go
// through the handler on DynamoDB (dynalite) and on the in-memory repository with the same clock and the
// very same events, and every answer must be identical, status, headers and body. This is what lets the
// MSW kit run the in-memory repository and still behave as the deployed API does.
import * as fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { backends } from './backends.ts';
import { expectDocumented } from './contract.ts';
import { context, event } from './events.ts';

const [dynamodb, memory] = backends();
beforeAll(() => Promise.all([dynamodb!.start(), memory!.start()]));
afterAll(() => Promise.all([dynamodb!.stop(), memory!.stop()]));

const SEED = Number(process.env.PARITY_SEED ?? 20261130);
const RUNS = Number(process.env.PARITY_RUNS ?? 20);

const id = fc.constantFrom('a', 'b', 'c', 'item-1', 'Z_9', 'x-42', '0', 'a b');
// Prices the contract allows, the edges DynamoDB refuses (1e-200, 5e-324) and ones the contract refuses.
const price = fc.oneof(fc.constantFrom(0, 1e-130, 1e-200, 5e-324, 199.99, 1e9, 1e9 + 1, -1), fc.double({ min: 0, max: 1e9, noNaN: true }));
const fields = fc.record({ name: fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constant('')), price, description: fc.string({ maxLength: 5, unit: 'grapheme' }) }, { requiredKeys: ['name'] });
const ifMatch = fc.option(fc.oneof(fc.constantFrom('*', '"1"', '"2"', '"3"', 'W/"1"', '2'), fc.integer({ min: 1, max: 4 }).map((v) => `"${v}"`)), { nil: undefined });

/** One request, as data (so fast-check prints a failing sequence readably). */
type Step =
  | { op: 'createProduct'; id: string; fields: Record<string, unknown> }
  | { op: 'getProduct' | 'deleteProduct'; id: string }
  | { op: 'updateProduct'; id: string; fields: Record<string, unknown>; ifMatch: string | undefined }
  | { op: 'listProducts'; limit: number; resume: boolean };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('createProduct' as const), id, fields }),
  fc.record({ op: fc.constantFrom('getProduct' as const, 'deleteProduct' as const), id }),
  fc.record({ op: fc.constant('updateProduct' as const), id, fields, ifMatch }),
  fc.record({ op: fc.constant('listProducts' as const), limit: fc.integer({ min: 1, max: 4 }), resume: fc.boolean() }),
);

/** The proxy event of a step; a list resumes from the last page's cursor when asked to. */
function toEvent(s: Step, cursor: string | undefined): APIGatewayProxyEvent {
  switch (s.op) {
    case 'createProduct':
      return event(s.op, { json: { id: s.id, ...s.fields } });
    case 'getProduct':
    case 'deleteProduct':
      return event(s.op, { pathParameters: { id: s.id } });
    case 'updateProduct':
      return event(s.op, { pathParameters: { id: s.id }, json: s.fields, ...(s.ifMatch === undefined ? {} : { headers: { 'If-Match': s.ifMatch } }) });
    case 'listProducts':
      return event(s.op, { query: { limit: String(s.limit), ...(s.resume && cursor ? { cursor } : {}) } });
  }
}

it(`gives identical answers on DynamoDB and in memory (fast-check seed ${SEED}, ${RUNS} sequences)`, async () => {
  let requests = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
      let tick = Date.UTC(2026, 10, 26, 10);
      const now = () => new Date(tick);
      const [onDynamo, inMemory] = await Promise.all([dynamodb!.handler({ now, log: () => undefined }), memory!.handler({ now, log: () => undefined })]);
      let cursor: string | undefined;
      for (const s of steps) {
        tick += 1000;
        const ev = toEvent(s, cursor);
        const operationId = s.op;
        const a = expectDocumented(operationId, await onDynamo(ev, context()));
        const b = expectDocumented(operationId, await inMemory(ev, context()));
        requests++;
        expect({ status: b.statusCode, headers: b.headers, body: b.body }).toEqual({ status: a.statusCode, headers: a.headers, body: a.body });
        expect(a.statusCode).toBeLessThan(500);
        if (operationId === 'listProducts' && a.statusCode === 200) cursor = JSON.parse(a.body).nextCursor;
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
  expect(requests).toBeGreaterThan(RUNS);
}, 60_000 + RUNS * 1000);
