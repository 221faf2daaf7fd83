/**
 * Deployment settings, read from CDK context (cdk.json or `-c key=value`). Values given on the
 * command line arrive as strings, so booleans and origins are parsed rather than trusted.
 */
import type { Node } from 'constructs';

export interface DeploymentConfig {
  /** Suffix of the stack name, so several copies (dev, prod, a tester's own) can share an account. */
  stage: string;
  /** Which district configuration the functions load (shared/src/districts). */
  districtCode: string;
  /** Keep the table (deletion protection), the buckets and the logs when the stack is deleted. */
  retainData: boolean;
  /** CloudFront + S3 hosting of the H5 build. */
  hosting: boolean;
  /**
   * Public origin of the H5 app (`https://host[:port]`), which eco-code links on posters point at.
   * Set it for a custom domain; otherwise the functions get the CloudFront domain when hosting.
   */
  appOrigin?: string;
}

export const DEFAULT_DISTRICT_CODE = '310106';

/** An https origin, normalised (`https://Host.cn/` → `https://host.cn`); a path or query is refused. */
function parseOrigin(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`Context "${name}" must be an https origin such as https://greenshield.example.cn (no path), got ${JSON.stringify(value)}`);
  }
  return url.origin;
}

function parseBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`Context "${name}" must be true or false, got ${JSON.stringify(value)}`);
}

/**
 * `region` is only used to pick the hosting default: in the aws-cn partition CloudFront needs an
 * ICP-licensed custom domain and certificate, which this app does not manage, so hosting is off there
 * unless asked for explicitly.
 */
export function readConfig(node: Node, region = process.env.CDK_DEFAULT_REGION): DeploymentConfig {
  const stage = String(node.tryGetContext('stage') ?? 'dev');
  if (!/^[A-Za-z0-9-]{1,32}$/.test(stage)) throw new Error(`Context "stage" must be 1-32 letters, digits or dashes, got "${stage}"`);
  const districtCode = String(node.tryGetContext('districtCode') ?? DEFAULT_DISTRICT_CODE);
  if (!/^\d{6}$/.test(districtCode)) throw new Error(`Context "districtCode" must be a 6-digit administrative code, got "${districtCode}"`);
  const inChina = (region ?? '').startsWith('cn-');
  return {
    stage,
    districtCode,
    retainData: parseBoolean('retainData', node.tryGetContext('retainData'), true),
    hosting: parseBoolean('hosting', node.tryGetContext('hosting'), !inChina),
    appOrigin: parseOrigin('appOrigin', node.tryGetContext('appOrigin')),
  };
}
