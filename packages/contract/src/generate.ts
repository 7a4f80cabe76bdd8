// Generates everything that is derived from openapi.yaml into `generated/` folders.
//   pnpm generate          rewrite the generated files
//   pnpm generate:check    exit 1 when regenerating would change any of them (CI drift check)
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { buildModel, contractAjv, rebaseRefs } from './model.ts';
import { SPEC_PATH, listOperations, loadSpec, resourceServerOf, type OpenApiDocument } from './spec.ts';

type StandaloneCode = (ajv: unknown, refsOrFunc: Record<string, string>) => string;
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as StandaloneCode;

const root = dirname(SPEC_PATH);

const HEADER = `// This file is generated from openapi.yaml by packages/contract/src/generate.ts. Do not edit it by hand:
// change openapi.yaml and run \`pnpm generate\`. \`pnpm test\` fails when it is out of date.
`;

/** openapi-typescript output: the `paths`, `components` and `operations` types. */
async function typesModule(spec: OpenApiDocument): Promise<string> {
  const ast = await openapiTS(structuredClone(spec) as never, { alphabetize: false, exportType: false });
  return `${HEADER}/* eslint-disable */\n\n${astToString(ast)}`;
}

/** The runtime map from each operation to the scopes it needs, and the resource server. */
function operationsModule(spec: OpenApiDocument): string {
  const server = resourceServerOf(spec);
  const ops = Object.fromEntries(
    listOperations(spec).map((op) => [
      op.operationId,
      { method: op.method.toUpperCase(), path: op.path, scopes: op.scopes },
    ]),
  );
  const allScopes = Object.keys(server.scopes).map((name) => `${server.identifier}/${name}`);
  return `${HEADER}
/** The OAuth2 resource server declared by \`x-oauth2-resource-server\` in openapi.yaml. */
export const resourceServer = ${JSON.stringify(server, null, 2)} as const;

/** Every scope of the resource server, as \`<identifier>/<name>\`. */
export const allScopes = ${JSON.stringify(allScopes, null, 2)} as const;

export type Scope = (typeof allScopes)[number];

/** Each operation's method, path template and the scopes of which any one authorizes it (API Gateway ORs them). */
export const operations = ${JSON.stringify(ops, null, 2)} as const;

export type OperationId = keyof typeof operations;

export type HttpMethod = (typeof operations)[OperationId]['method'];
`;
}

/** The contract model as plain data (see packages/core/src/model.ts for its types). */
function modelModule(spec: OpenApiDocument): string {
  const { model } = buildModel(spec);
  return `${HEADER}
import type { ContractModel } from '../model.ts';

/** openapi.yaml resolved into the model the gateway core, the service and the mock run on. */
export const model: ContractModel = ${JSON.stringify(model, null, 2)};
`;
}

/**
 * Ajv's standalone code for every schema of the model: validators compiled now, so nothing compiles a
 * schema (or calls \`new Function\`) at run time. Ajv's two runtime helpers are mapped to
 * ../schema-runtime.ts, which has no Node import; any other helper fails the generation.
 */
export function validatorsModule(spec: OpenApiDocument): string {
  const { schemas } = buildModel(spec);
  const ajv = contractAjv(spec, { source: true });
  const ids = new Map<string, string>();
  const keys: [string, string][] = [];
  for (const [key, schema] of schemas) {
    const text = JSON.stringify(schema);
    let id = ids.get(text);
    if (!id) {
      id = `v${ids.size}`;
      ids.set(text, id);
      ajv.addSchema(rebaseRefs(schema), id);
    }
    keys.push([key, id]);
  }
  let code = standaloneCode(ajv, Object.fromEntries([...ids.values()].map((id) => [id, id])));
  code = code
    .replace(/^"use strict";/, '')
    .replaceAll('require("ajv/dist/runtime/ucs2length").default', 'ucs2length')
    .replace(/require\("ajv-formats\/dist\/formats"\)\.fullFormats\["([\w-]+)"\]/g, (_, name: string) => `formats[${JSON.stringify(name)}]`)
    // multipleOf on decimals, exactly (ajv divides in floating point with a tolerance).
    .replace(/\(([\d.eE+-]+) === 0 \|\| \(res\d+ = ([\w$]+)\/\1, Math\.abs\(Math\.round\(res\d+\) - res\d+\) > 1e-9\)\)/g, (_, step: string, data: string) => `!isDecimalMultiple(${data}, ${step})`);
  if (/Math\.round\(res\d+\)/.test(code)) throw new Error('A multipleOf check was not mapped to isDecimalMultiple: update the pattern in packages/contract/src/generate.ts.');
  const left = /require\([^)]*\)/.exec(code);
  if (left) throw new Error(`The standalone validators need ${left[0]}, which packages/core/src/schema-runtime.ts does not provide: add it there and map it here.`);
  const map = keys.map(([key, id]) => `  ${JSON.stringify(key)}: ${id},`).join('\n');
  return `${HEADER}// @ts-nocheck: ajv's standalone output, typed by the export below.
/* eslint-disable */
import { formats, isDecimalMultiple, ucs2length } from '../schema-runtime.ts';
import type { Validator } from '../model.ts';

${code}

/** Validator key (see model.ts) → precompiled validator. */
export const validators: Record<string, Validator> = {
${map}
};
`;
}

const TABLE_BEGIN = '<!-- BEGIN operations table: generated from openapi.yaml, checked by a test -->';
const TABLE_END = '<!-- END operations table -->';

/** The README's table of operations and scopes, between its markers. */
export function operationsTable(spec: OpenApiDocument): string {
  const rows = listOperations(spec).map(
    (op) => `| \`${op.operationId}\` | \`${op.method.toUpperCase()} ${op.path}\` | ${op.scopes.map((s) => `\`${s}\``).join(' or ')} |`,
  );
  return [TABLE_BEGIN, '| operation | method and path | scope |', '| --- | --- | --- |', ...rows, TABLE_END].join('\n');
}

/** README.md with its operations table regenerated. */
export function readmeWithTable(readme: string, spec: OpenApiDocument): string {
  const start = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has lost its operations table markers (${TABLE_BEGIN}).`);
  return readme.slice(0, start) + operationsTable(spec) + readme.slice(end + TABLE_END.length);
}

/** Path (relative to the repository root) → content of every generated file. */
export async function generatedFiles(): Promise<Record<string, string>> {
  const spec = loadSpec();
  const types = await typesModule(spec);
  const operations = operationsModule(spec);
  const readme = readmeWithTable(await readFile(join(root, 'README.md'), 'utf8'), spec);
  return {
    'README.md': readme,
    'packages/products-client/src/generated/openapi.ts': types,
    'packages/products-client/src/generated/operations.ts': operations,
    'packages/products-service/src/generated/openapi.ts': types,
    'packages/products-service/src/generated/operations.ts': operations,
    'packages/core/src/generated/model.ts': modelModule(spec),
    'packages/core/src/generated/validators.ts': validatorsModule(spec),
  };
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await generatedFiles();
  const stale: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    const current = await readFile(abs, 'utf8').catch(() => null);
    if (current === content) continue;
    if (check) {
      stale.push(path);
    } else {
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, content);
      console.log(`wrote ${relative(root, abs)}`);
    }
  }
  if (check) {
    if (stale.length > 0) {
      console.error(
        `Generated files are out of date with openapi.yaml (or were edited by hand):\n  ${stale.join('\n  ')}\nRun \`pnpm generate\` and commit the result.`,
      );
      process.exit(1);
    }
    console.log(`generated files are up to date (${Object.keys(files).length} files)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
