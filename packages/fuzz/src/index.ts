// @org/products-fuzz: the fuzz suite's building blocks, for a larger run or a replay from a script.
export { malformedRequest, operations, schemaOf, tokenRequest, unroutedRequest, validRequest } from './cases.ts';
export { checkAnswer, normalize } from './check.ts';
export { toCurl } from './curl.ts';
export { startHarness } from './harness.ts';
export type { Harness } from './harness.ts';
export { fuzzConfig, runCase, summary } from './run.ts';
export { invalidValue, resolverOf, validValue } from './schema.ts';
export type { Auth, FuzzAnswer, FuzzRequest } from './request.ts';
export type { Target } from './targets.ts';
