// The README's error table must stay true: every code of the contract is listed, with the status and class
// the code really has.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as errors from '../src/errors.ts';
import { spec } from '../src/generated/spec.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

it('lists every Error.code of openapi.yaml with the status and class that produce it', () => {
  const enumCodes = ((spec as any).components.schemas.Error.properties.code.enum as string[]).slice().sort();
  const rows = readme
    .split('\n')
    .filter((line) => /^\| \d{3} \| `[a-z_]+` \|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  expect(rows.map((r) => r[2]!.replaceAll('`', '')).sort()).toEqual(enumCodes);
  type Concrete = new (message: string) => errors.ServiceError;
  const classes = (Object.values(errors) as unknown[]).filter(
    (value): value is Concrete =>
      typeof value === 'function' && value.prototype instanceof errors.ServiceError && value !== errors.ServiceError,
  );
  for (const [, status, code, classCell] of rows) {
    const first = /`(\w+)`/.exec(classCell!)![1]!;
    const Class = classes.find((c) => c.name === first);
    expect(Class, `README names ${first}`).toBeDefined();
    const instance = new Class!('x');
    expect(String(instance.status), `${first} status`).toBe(status);
    expect(instance.bodyCode, `${first} body code`).toBe(code!.replaceAll('`', ''));
  }
});
