/**
 * Builds the stack in-process for template assertions, with the same context as cdk.json and
 * esbuild bundling skipped (`aws:cdk:bundling-stacks: []`).
 */
import { App, type PolicyViolation } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { readConfig } from '../../infra/config';
import { nagPacks } from '../../infra/nag';
import { REPO_ROOT } from '../../infra/paths';
import { GreenShieldStack } from '../../infra/stacks/green-shield-stack';

// The default CloudFormation-schema validation adds seconds to every synth; the CLI synth test keeps it.
process.env.CDK_VALIDATION ??= 'false';

const CDK_CONTEXT: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')).context;

export const missingEntries = (root = REPO_ROOT) => FUNCTIONS.filter((spec) => !fs.existsSync(path.join(root, spec.entry)));

/**
 * NodejsFunction insists that the entry file exists even when bundling is skipped. While a handler
 * declared in FUNCTIONS is not written yet, build from a scratch root holding empty stand-ins, so
 * the template tests do not depend on other work in progress.
 */
function projectRoot(): string {
  if (missingEntries().length === 0) return REPO_ROOT;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'green-shield-infra-'));
  fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
  for (const spec of FUNCTIONS) {
    fs.mkdirSync(path.dirname(path.join(root, spec.entry)), { recursive: true });
    fs.writeFileSync(path.join(root, spec.entry), 'export const handler = async () => undefined;\n');
  }
  return root;
}

/** A directory standing in for miniapp/dist (the real one comes and goes with H5 builds). */
export function fakeSiteBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'green-shield-site-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>绿盾通</title>');
  return dir;
}

export const NO_SITE_BUILD = path.join(os.tmpdir(), 'green-shield-no-such-build');

export interface BuildOptions {
  context?: Record<string, unknown>;
  /** Region the stack is pinned to; default environment-agnostic, as infra/app.ts does. */
  region?: string;
  /** Default: no H5 build. */
  siteDistDir?: string;
}

export interface Built {
  app: App;
  stack: GreenShieldStack;
  template: Template;
}

export function build(options: BuildOptions = {}): Built {
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [], ...options.context } });
  const config = readConfig(app.node, { region: options.region });
  const stack = new GreenShieldStack(app, `GreenShield-${config.stage}`, {
    config,
    projectRoot: projectRoot(),
    siteDistDir: options.siteDistDir ?? NO_SITE_BUILD,
    env: options.region ? { region: options.region, account: '123456789012' } : undefined,
  });
  return { app, stack, template: Template.fromStack(stack) };
}

export interface Finding {
  rule: string;
  severity: string;
  paths: string[];
}

/** Every finding of the registered cdk-nag packs that is not acknowledged, as `cdk synth` reports them. */
export function nagFindings(built: Built): Finding[] {
  return nagPacks().flatMap((pack) =>
    pack.validateScope(built.app).violations.map((violation: PolicyViolation) => ({
      rule: violation.ruleName,
      severity: violation.severity ?? 'error',
      paths: violation.violatingResources.map((resource) => resource.constructPath ?? resource.resourceLogicalId ?? '?'),
    })),
  );
}

/** Logical id of an L2 construct's CloudFormation resource. */
export function logicalId(built: Built, construct: { node: { defaultChild?: unknown } }): string {
  return built.stack.getLogicalId(construct.node.defaultChild as never);
}
