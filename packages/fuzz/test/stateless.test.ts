// Stateless properties over every operation of the generated model, against the local stack over a
// real socket and the gateway core in process (and the MSW kit, see parity.test.ts): no 5xx, only
// documented statuses with bodies their schemas accept, valid requests never refused, no token or
// secret in an answer or a log line, and the targets agree.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '@org/products-core/contract';
import { malformedRequest, operations, schemaOf, resolve, tokenRequest, unroutedRequest, validRequest } from '../src/cases.ts';
import { startHarness, type Harness } from '../src/harness.ts';
import { fuzzConfig, newTally, runCase, summary, type Tally } from '../src/run.ts';
import { invalidValue, validValue } from '../src/schema.ts';
import type { FuzzRequest } from '../src/request.ts';

let h: Harness;
// The core and the mock run in this process: a request that reached Object.prototype would show here.
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
const tallies = new Map<string, Tally>();
beforeAll(async () => {
  h = await startHarness();
  console.log(`fuzz: seed ${fuzzConfig.seed} (FUZZ_SEED), case counts x${fuzzConfig.scale} (FUZZ_RUNS)`);
});
afterAll(async () => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), 'Object.prototype was changed by a request').toEqual(prototypeNames);
  for (const [name, tally] of tallies) console.log(summary(name, tally));
  await h?.stop();
});

/** Runs a property of cases against the stack and the core; a failure message ends with the curl. */
async function fuzz(name: string, arbitrary: fc.Arbitrary<FuzzRequest>, ciRuns: number): Promise<void> {
  const tally = tallies.get(name) ?? newTally();
  tallies.set(name, tally);
  await fc.assert(
    fc.asyncProperty(arbitrary.map(short), async (request) => {
      const problems = await runCase(h, h.targets, request, tally);
      if (problems.length > 0) throw new Error(problems.join('\n'));
    }),
    { seed: fuzzConfig.seed, numRuns: fuzzConfig.runs(ciRuns) },
  );
}

/** Counterexamples print as their label and request line, not as kilobytes of bytes (the curl has them). */
function short(request: FuzzRequest): FuzzRequest {
  return Object.assign(request, { [fc.toStringMethod]: () => `${request.label} | ${request.method} ${request.path.slice(0, 120)}` });
}

describe('the generators agree with the precompiled validators', () => {
  const keys = operations.flatMap((op) => [...op.parameters.map((p) => p.validator), ...Object.values(op.body?.media ?? {})]);
  it.each([...new Set(keys)])('%s: generated valid values pass, generated invalid values fail', (key) => {
    const validate = contract.validators[key]!;
    fc.assert(fc.property(validValue(schemaOf(key), resolve), (v) => validate(v)), { seed: fuzzConfig.seed, numRuns: fuzzConfig.runs(200) });
    fc.assert(fc.property(invalidValue(schemaOf(key), resolve), (b) => !validate(b.value)), { seed: fuzzConfig.seed, numRuns: fuzzConfig.runs(200) });
  });
});

describe.each(operations.map((op) => [op.operationId, op] as const))('%s', (operationId, op) => {
  it('valid requests: a documented success or 404/409/412, never refused', () => fuzz(`${operationId} valid`, validRequest(op), 80));
  it('malformed requests: a documented 4xx with the Error shape, never a 5xx', () => fuzz(`${operationId} malformed`, malformedRequest(op), 160));
});

describe('outside the operations', () => {
  it('unknown methods and paths: the gateway answers (403 route_not_found), never a 5xx', () => fuzz('unrouted', unroutedRequest(), 200));
  it('the token endpoint: a token or an OAuth2 error, never a 5xx, never a secret in the token log', () => fuzz('token endpoint', tokenRequest(), 250));
});

it('the suite sent what it says', () => {
  const total = [...tallies.values()].reduce((n, t) => n + t.cases, 0);
  expect(total).toBeGreaterThan(0);
});
