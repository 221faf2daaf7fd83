/**
 * The real thing: `cdk synth` through the CLI, as cdk.json runs it, with esbuild bundling every
 * handler and cdk-nag (registered in infra/app.ts) failing the synth on any unacknowledged finding.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROUTES, SERVICES } from '@green-shield/shared/api/routes';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { BUNDLING, LAZY_MODULES } from '../../functions/src/bundling';
import { REPO_ROOT } from '../../infra/paths';
import { missingEntries } from './support';

const run = promisify(execFile);

// Written before every handler exists; runs as soon as they all do.
/** Issue 8: a function that answers requests starts while a person waits. */
const HTTP_BUNDLE_KB = 350;

describe.skipIf(missingEntries().length > 0)('cdk synth (CLI, bundling)', () => {
  it('synthesizes offline, bundles every function as an ESM bundle with the SDK inside, and passes cdk-nag', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'green-shield-cdk-out-'));
    const env = { ...process.env };
    delete env.CDK_VALIDATION; // keep CDK's default template validation for this one synth
    const result = await run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', out], { cwd: REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`cdk synth failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
      },
    );
    expect(result.stderr).not.toMatch(/\bERROR\b/);

    const template = JSON.parse(fs.readFileSync(path.join(out, 'GreenShield-dev.template.json'), 'utf8'));
    const functions = Object.values(template.Resources as Record<string, any>).filter(
      (resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Runtime === 'nodejs22.x',
    );
    expect(functions).toHaveLength(FUNCTIONS.length);

    for (const fn of functions) {
      const spec = FUNCTIONS.find((candidate) => candidate.description === fn.Properties.Description);
      expect(spec, fn.Properties.Description).toBeDefined();
      const assetDir = path.join(out, `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
      const bundle = fs.readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
      expect(bundle.split('\n')[0]).toBe(BUNDLING.banner);
      // Lambda bundles take credentials from the environment only (no SSO/STS provider chain).
      expect(bundle.includes('sso_session')).toBe(false);
      // Issue 8: a function that answers requests (trigger 'http') starts while a person waits, so its
      // bundle is at most 350 KB (`npm run bench` reports each, and how fast it imports). Stream and
      // scheduled functions (background) keep a ceiling against regressions only.
      const ceilingKb = spec?.trigger === 'http' ? HTTP_BUNDLE_KB : 640;
      expect(fs.statSync(path.join(assetDir, 'index.mjs')).size, `${spec?.name} bundle`).toBeLessThanOrEqual(ceilingKb * 1024);
      expect(fs.existsSync(path.join(assetDir, 'index.mjs.map'))).toBe(true);
      // Each function carries its own service's route table only (shared/src/api/routes/<service>.ts),
      // every endpoint of it and none of another service's; the one that answers `$default` (404 or
      // 405 for any path) and serves the OpenAPI document has them all.
      if (spec?.trigger === 'http') {
        const endpointsBy = (service: string) => bundle.split(`service:"${service}"`).length - 1;
        const expected = (service: string) =>
          spec.defaultRoute || service === spec.service ? Object.values(ROUTES).filter((route) => route.service === service).length : 0;
        for (const service of SERVICES) expect(endpointsBy(service), `${spec.name} bundle: endpoints of ${service}`).toBe(expected(service));
      }
      // The AWS SDK is bundled, not imported from the runtime. (Optional SigV4a/CRT signers stay
      // unresolved `require`s behind try/catch; this app never signs multi-region requests.)
      expect(bundle.match(/(from\s*|import\(|require\()["']@aws-sdk\/(client-|lib-)[^"']*/g)).toBeNull();
      expect(bundle.includes('DynamoDB_20120810')).toBe(true);
      expect(bundle.match(/export\s*\{[^}]*\bhandler\b[^}]*\}/)).not.toBeNull();

      // Modules loaded on first use sit beside the bundle, not in it, and load on their own.
      for (const source of spec?.lazyModules ?? []) {
        const output = LAZY_MODULES.outputPath(source);
        expect(bundle, output).toContain(`import("./${output}")`);
        const lazy = fs.readFileSync(path.join(assetDir, output), 'utf8');
        expect(lazy.split('\n')[0]).toBe(BUNDLING.banner);
        expect(Object.keys(await import(path.join(assetDir, output))).length, output).toBeGreaterThan(0);
      }
    }
    // The SMS providers' SDKs are the lazy modules of sign-in: none is in its bundle.
    const identity = functions.find((fn) => fn.Properties.Description === FUNCTIONS.find((spec) => spec.name === 'identity')?.description);
    const identityBundle = fs.readFileSync(path.join(out, `asset.${String(identity.Properties.Code.S3Key).replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
    expect(identityBundle).not.toContain('dysmsapi');
    expect(identityBundle).not.toContain('PinpointSMSVoiceV2');
    fs.rmSync(out, { recursive: true, force: true });
  });
});
