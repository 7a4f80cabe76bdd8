// The README's TypeScript examples are compiled against the package (as a consumer imports it),
// so they cannot rot. A block fenced as ```ts no-check is skipped.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, expect, it } from 'vitest';
import { allScopes, operations, resourceServer } from '../src/index.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package, so `@org/products-client` resolves by self-reference through `exports`.
const workDir = join(packageDir, '.readme-check');

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function blocks(markdown: string): { line: number; code: string }[] {
  const found: { line: number; code: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    found.push({ line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return found;
}

const readmes = [
  ['README.md', join(packageDir, 'README.md'), 6],
  ['the repository README.md', join(packageDir, '..', '..', 'README.md'), 1],
] as const;

// One program for the examples of both READMEs: building it is most of the cost, so it is paid once.
let compiled: Map<string, { examples: number; problems: string[] }> | undefined;
function compileExamples() {
  if (compiled) return compiled;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const files = readmes.flatMap(([name, readmePath], r) =>
    blocks(readFileSync(readmePath, 'utf8')).map(({ line, code }) => {
      const file = join(workDir, `readme-${r}-line-${line}.ts`);
      // `export {}` makes each block a module (top-level await, no clashes between blocks).
      writeFileSync(file, `export {};\n${code}\n`);
      return { name, line, file };
    }),
  );
  const config = ts.readConfigFile(join(packageDir, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir);
  const program = ts.createProgram(
    files.map((f) => f.file),
    { ...options, noEmit: true },
  );
  compiled = new Map(readmes.map(([name]) => [name, { examples: 0, problems: [] }]));
  for (const { name, line: first, file } of files) {
    const result = compiled.get(name)!;
    result.examples++;
    // Diagnostics of the example file only (the declaration files it uses are checked by their own packages).
    for (const d of ts.getPreEmitDiagnostics(program, program.getSourceFile(file))) {
      const { line } = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0) : { line: 1 };
      result.problems.push(`${name}:${first + line - 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  }
  return compiled;
}

it.each(readmes)('compiles every TypeScript example of %s', (name, _, atLeast) => {
  const { examples, problems } = compileExamples().get(name)!;
  expect(examples).toBeGreaterThanOrEqual(atLeast);
  expect(problems).toEqual([]);
}, 30_000);

it('keeps the heading the consumer kit fills in', () => {
  expect(readFileSync(join(packageDir, 'README.md'), 'utf8')).toContain('\n## Testing your code against the products API\n');
});

// Docs quote scopes for readability; they must stay the spec's (read through the generated map).
it('quotes only scopes and operations the spec has, in the README and the JSDoc examples', () => {
  const sources = ['README.md', 'src/errors.ts', 'src/token-provider.ts', 'src/client.ts', 'src/index.ts'];
  // A renamed resource server makes this find nothing and fail, instead of passing vacuously.
  const scopeLike = new RegExp(`\\b${resourceServer.identifier}/\\w+`, 'g');
  const quoted = sources.flatMap((file) => [...readFileSync(join(packageDir, file), 'utf8').matchAll(scopeLike)].map((m) => `${file}: ${m[0]}`));
  expect(quoted.length).toBeGreaterThan(0);
  expect(quoted.filter((q) => !(allScopes as readonly string[]).includes(q.slice(q.indexOf(': ') + 2)))).toEqual([]);

  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const printed = /console\.log\(operations\.createProduct\); \/\/ (\{.*\})/.exec(readme)?.[1] ?? '';
  expect(JSON.parse(printed.replace(/'/g, '"').replace(/(\w+):/g, '"$1":'))).toEqual(operations.createProduct);
});

// The error table quotes the API's codes for readability; they must stay the spec's.
it("quotes only Error codes the spec has in the README's ApiError row", () => {
  // components.schemas.Error.properties.code.enum of openapi.yaml (a YAML list under `enum:`).
  const yaml = readFileSync(join(packageDir, '..', '..', 'openapi.yaml'), 'utf8');
  const list = /\n {4}Error:\n[\s\S]*?\n {8}code:\n[\s\S]*?enum:\n((?:[ \t]+- \w+\n)+)/.exec(yaml)?.[1] ?? '';
  const codes = [...list.matchAll(/- (\w+)/g)].map((m) => m[1]);
  expect(codes).toContain('precondition_failed');
  const row = readFileSync(join(packageDir, 'README.md'), 'utf8')
    .split('\n')
    .find((line) => line.startsWith("| `ApiError` | the answer's `code`"));
  const quoted = [...(row?.split(' | ')[1] ?? '').matchAll(/`([a-z]+(?:_[a-z]+)*)`/g)].map((m) => m[1]).filter((c) => c !== 'code');
  expect(quoted.length).toBeGreaterThan(2);
  expect(quoted.filter((c) => !codes.includes(c as string))).toEqual([]);
});
