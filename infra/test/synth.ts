// Shared by the infra tests: synthesize the app once per test file and read the template, the
// validation report and the acknowledgments; render CloudFormation intrinsics into readable strings.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { inject } from 'vitest';
import { buildApp } from '../lib/app.ts';
import type { ProductsStack, ProductsStackProps } from '../lib/products-stack.ts';

export type CfnTemplate = {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
  [key: string]: unknown;
};

export type Violation = { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] };
export type ValidationReport = { pluginReports: { pluginName: string; conclusion: string; violations: Violation[] }[] };
export type Acknowledgment = { path: string; id: string; reason: string };

export type Synthesized = {
  stack: ProductsStack;
  template: Template;
  json: CfnTemplate;
  report: ValidationReport;
  acknowledgments: Acknowledgment[];
};

/**
 * Builds the app (cdk-nag included, as `cdk synth` runs it) with the bundle of the global setup and
 * synthesizes it into a temporary folder. Findings do not throw: they are read from the report.
 * `cfnValidation` adds CDK's built-in CloudFormation validation (off by default: it takes seconds).
 */
export function synthesize(
  options: { context?: Record<string, unknown>; stack?: ProductsStackProps; cfnValidation?: boolean } = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'products-infra-cdk-out-'));
  const { app, stack } = buildApp({
    outdir,
    // CDK's own CloudFormation schema validation is most of a synthesis' time: one test runs it.
    builtinCloudFormationValidation: options.cfnValidation ?? false,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false, ...options.context },
    stack: { handlerBundleDir: inject('handlerBundleDir'), ...options.stack },
  });
  const assembly = app.synth();
  const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
  const template = Template.fromStack(stack);
  const acknowledgments: Acknowledgment[] = [];
  for (const node of app.node.findAll()) {
    for (const entry of node.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      // `{ [rule id, maybe qualified as <plugin>::<id>]: reason }`
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        acknowledgments.push({ path: node.node.path, id: id.replace(/^[A-Za-z]+::/, ''), reason });
      }
    }
  }
  return { stack, template, json: template.toJSON() as CfnTemplate, report, acknowledgments };
}

/** The one resource of a type: its logical id and properties (fails when there is not exactly one). */
export function only(json: CfnTemplate, type: string): { id: string; props: Record<string, any> } {
  const found = Object.entries(json.Resources).filter(([, r]) => r.Type === type);
  if (found.length !== 1) throw new Error(`Expected exactly one ${type}, found ${found.length}.`);
  const [id, resource] = found[0]!;
  return { id, props: resource.Properties ?? {} };
}

/**
 * Renders CloudFormation intrinsics (Ref, Fn::GetAtt, Fn::Join) inside a value into strings:
 * `{Ref: X}` → `<X>`, `{Fn::GetAtt: [X, A]}` → `<X.A>`; anything else is walked unchanged. A Ref to a
 * name in `refs` renders as that value instead (e.g. a resource server's Ref is its identifier).
 */
export function render(value: unknown, refs: Record<string, string> = {}): any {
  if (Array.isArray(value)) return value.map((v) => render(v, refs));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === 'Ref') return refs[obj.Ref as string] ?? `<${obj.Ref as string}>`;
  if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
    const [id, attr] = obj['Fn::GetAtt'] as [string, string];
    return `<${id}.${attr}>`;
  }
  if (keys.length === 1 && keys[0] === 'Fn::Join') {
    const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => {
      const r = render(p, refs);
      if (typeof r !== 'string') throw new Error(`Fn::Join part did not render to a string: ${JSON.stringify(p)}`);
      return r;
    }).join(sep);
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, render(v, refs)]));
}
