// Synthesizes the real stack from the real API description for one stage (once per test file), optionally with
// cdk-nag's AwsSolutions checks; returns the template and the validation report.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { api } from '../../../infra/api/index.js';
import { stackName } from '../../../infra/cdk/outputs.js';
import { FeedStack } from '../../../infra/cdk/stack.js';
import { stageFromContext, type StageName } from '../../../infra/cdk/stages.js';

export const root = path.resolve(import.meta.dirname, '../../..');

export interface Violation {
  ruleName: string;
  severity: string;
  paths: string[];
}

export interface Synth {
  stack: FeedStack;
  template: Template;
  outdir: string;
  violations: Violation[];
  synthError?: Error;
}

const cache = new Map<string, Synth>();

export function synth(stage: StageName, opts: { nag?: boolean } = {}): Synth {
  const key = `${stage}:${opts.nag ? 'nag' : ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'feed-cdk-test-'));
  const app = new App({ outdir, context: { stage } });
  const stack = new FeedStack(app, stackName(stage), {
    stage: stageFromContext((k) => app.node.tryGetContext(k)),
    apiDescription: api,
    root,
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  if (opts.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let synthError: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    synthError = e as Error; // a failed validation still writes its report
  }
  const violations: Violation[] = [];
  const reportFile = path.join(outdir, 'validation-report.json');
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      pluginReports: Array<{ violations: Array<{ ruleName: string; severity: string; violatingConstructs: Array<{ constructPath: string }> }> }>;
    };
    for (const p of report.pluginReports) {
      for (const v of p.violations) violations.push({ ruleName: v.ruleName, severity: v.severity, paths: v.violatingConstructs.map((c) => c.constructPath) });
    }
  }
  if (synthError && !violations.length) throw synthError;
  const result: Synth = { stack, template: Template.fromJSON(JSON.parse(readFileSync(path.join(outdir, `${stack.stackName}.template.json`), 'utf8'))), outdir, violations, synthError };
  cache.set(key, result);
  return result;
}

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; DependsOn?: unknown };

export function resources(template: Template, type: string): Array<[string, Resource]> {
  return Object.entries(template.findResources(type)) as Array<[string, Resource]>;
}

export function logicalId(s: Synth, construct: { node: { defaultChild?: unknown } } | unknown): string {
  const c = (construct as { node: { defaultChild?: unknown } }).node.defaultChild ?? construct;
  return s.stack.getLogicalId(c as never);
}
