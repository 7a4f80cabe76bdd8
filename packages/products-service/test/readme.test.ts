// The README must stay true: its error table lists every code of the contract with the status and class the
// code really has, and its TypeScript example is test/readme-example.ts (typechecked with the package) run here.
import { readFileSync } from 'node:fs';
import { expect, it, vi } from 'vitest';
import * as errors from '../src/errors.ts';
import { loadSpec } from '@org/products-contract';
import { expectDocumented } from './contract.ts';
import { startDynamo } from './dynamo.ts';
import { context, event } from './events.ts';

const spec = loadSpec();
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

it('lists every Error.code the service answers with the status and class that produce it, each a code of openapi.yaml', () => {
  const enumCodes = (spec as any).components.schemas.Error.properties.code.enum as string[];
  const rows = readme
    .split('\n')
    .filter((line) => /^\| \d{3} \| `[a-z_]+` \|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  const rowCodes = rows.map((r) => r[2]!.replaceAll('`', ''));
  // The gateway answers some codes of the enum itself (throttled, ...); the service's must all be in it.
  expect(rowCodes.filter((code) => !enumCodes.includes(code))).toEqual([]);
  type Concrete = new (message: string) => errors.ServiceError;
  const classes = (Object.values(errors) as unknown[]).filter(
    (value): value is Concrete =>
      typeof value === 'function' && value.prototype instanceof errors.ServiceError && value !== errors.ContractError,
  );
  const produced = new Set(classes.map((Class) => new Class('x').bodyCode).filter((code) => code !== undefined));
  expect([...new Set(rowCodes)].sort()).toEqual([...produced].sort());
  for (const [, status, code, classCell] of rows) {
    const first = /`(\w+)`/.exec(classCell!)![1]!;
    const Class = classes.find((c) => c.name === first);
    expect(Class, `README names ${first}`).toBeDefined();
    const instance = new Class!('x');
    expect(String(instance.status), `${first} status`).toBe(status);
    expect(instance.bodyCode, `${first} body code`).toBe(code!.replaceAll('`', ''));
  }
});

it('shows test/readme-example.ts as its example, and the example serves requests', async () => {
  const block = /## Use\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBe(readFileSync(new URL('./readme-example.ts', import.meta.url), 'utf8'));
  const { localHandler } = await import('./readme-example.ts');
  const dynamo = await startDynamo();
  const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const handler = await localHandler(dynamo.endpoint);
    const created = expectDocumented('createProduct', await handler(event('createProduct', { json: { id: 'readme', name: 'README' } }), context()));
    expect(created.statusCode).toBe(201);
    const read = expectDocumented('getProduct', await handler(event('getProduct', { pathParameters: { id: 'readme' } }), context()));
    expect(JSON.parse(read.body)).toMatchObject({ id: 'readme', name: 'README', version: 1 });
    const lines = log.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
    expect(lines.filter((line) => line.message === 'request').map((line) => line.status)).toEqual([201, 200]);
    expect(lines.filter((line) => '_aws' in line).map((line) => line.operation)).toEqual(['createProduct', 'getProduct']);
  } finally {
    log.mockRestore();
    await dynamo.stop();
  }
});

it('shows test/readme-web-example.ts as its /web example, and the example serves requests', async () => {
  const block = /`test\/web-entry.test.ts`[^\n]*\n[^\n]*\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBe(readFileSync(new URL('./readme-web-example.ts', import.meta.url), 'utf8'));
  const { memoryHandler } = await import('./readme-web-example.ts');
  const read = expectDocumented('getProduct', await memoryHandler()(event('getProduct', { pathParameters: { id: 'android' } }), context()));
  expect(JSON.parse(read.body)).toMatchObject({ id: 'android', version: 1 });
});
