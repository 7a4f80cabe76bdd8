import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { Validations } from 'aws-cdk-lib';
import { buildApp } from '../lib/app.ts';
import { synthesize, type Acknowledgment, type ValidationReport, type Violation } from './synth.ts';

// cdk-nag's API Gateway authorization rules (APIG4, COG4) only inspect AWS::ApiGateway::Method resources,
// which a SpecRestApi does not have: stack.test.ts proves every operation carries the authorizer and scopes.

let report: ValidationReport;
let acknowledgments: Acknowledgment[];
let unacknowledged: { error: unknown; report: ValidationReport };

const violationsOf = (r: ValidationReport): (Violation & { plugin: string })[] =>
  r.pluginReports.flatMap((p) => p.violations.map((v) => ({ ...v, plugin: p.pluginName })));

beforeAll(() => {
  ({ report, acknowledgments } = synthesize());
  // The same app with every acknowledgment switched off, synthesized the way `cdk synth` would (failing).
  const outdir = mkdtempSync(join(tmpdir(), 'products-infra-unacknowledged-'));
  const spy = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
  try {
    const { app } = buildApp({ outdir, builtinCloudFormationValidation: false, stack: { handlerBundleDir: inject('handlerBundleDir') } });
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    unacknowledged = { error, report: JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) };
  } finally {
    spy.mockRestore();
  }
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged when the app synthesizes', () => {
    const found = violationsOf(report).map((v) => `${v.plugin} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`);
    expect(found).toEqual([]);
  });

  it('acknowledges only AwsSolutions rules, each with a reason a reviewer can check', () => {
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const ack of acknowledgments) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      // A reason says what the rule wants and why this stack does not need it: a sentence or more, no stub.
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(120);
      expect(ack.reason, ack.id).not.toMatch(/\b(todo|tbd|fixme|n\/a|not needed|ignore)\b/i);
    }
  });

  it('needs every acknowledgment: without them synthesis fails with exactly the acknowledged findings', () => {
    expect(String(unacknowledged.error)).toMatch(/ValidationFailed/);
    const findings = violationsOf(unacknowledged.report).flatMap((v) =>
      v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath, severity: v.severity })),
    );
    const covered = (f: { rule: string; path: string }, a: Acknowledgment) =>
      f.rule === a.id && (f.path === a.path || f.path.startsWith(`${a.path}/`));
    for (const f of findings) expect(acknowledgments.some((a) => covered(f, a)), `${f.rule} at ${f.path} is acknowledged`).toBe(true);
    for (const a of acknowledgments) expect(findings.some((f) => covered(f, a)), `${a.id} at ${a.path} is still needed`).toBe(true);
    // The checks that matter most are fixed, not acknowledged.
    const fixed = ['APIG1', 'APIG6', 'COG1', 'COG2', 'DDB3', 'L1'];
    for (const rule of fixed) expect(findings.map((f) => f.rule).filter((r) => r.startsWith(`AwsSolutions-${rule}`)), rule).toEqual([]);
    // The one wildcard is X-Ray's (no resource-level permissions), on the function's role; nothing else.
    expect(findings.filter((f) => f.rule.startsWith('AwsSolutions-IAM5'))).toEqual([
      { rule: 'AwsSolutions-IAM5[Resource::*]', path: 'ProductsApi/FunctionRole/DefaultPolicy/Resource', severity: expect.any(String) },
    ]);
  });
});
