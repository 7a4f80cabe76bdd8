// The README's TypeScript examples are compiled against the package (as a consumer imports it),
// so they cannot rot. A block fenced as ```ts no-check is skipped.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, expect, it } from 'vitest';

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

it.each([
  ['README.md', join(packageDir, 'README.md'), 6],
  ['the repository README.md', join(packageDir, '..', '..', 'README.md'), 1],
])('compiles every TypeScript example of %s', (_, readmePath, atLeast) => {
  const readme = readFileSync(readmePath, 'utf8');
  const examples = blocks(readme);
  expect(examples.length).toBeGreaterThanOrEqual(atLeast);

  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const files = examples.map(({ line, code }) => {
    const file = join(workDir, `readme-line-${line}.ts`);
    // `export {}` makes each block a module (top-level await, no clashes between blocks).
    writeFileSync(file, `export {};\n${code}\n`);
    return file;
  });
  const config = ts.readConfigFile(join(packageDir, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.includes(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const readmeLine = Number(/readme-line-(\d+)/.exec(d.file!.fileName)?.[1]) + line - 1;
      return `README.md:${readmeLine}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  expect(problems).toEqual([]);
}, 30_000);

it('keeps the heading the consumer kit fills in', () => {
  expect(readFileSync(join(packageDir, 'README.md'), 'utf8')).toContain('\n## Testing your code against the products API\n');
});
