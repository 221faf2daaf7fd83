/**
 * What a stage's sign-in configuration deploys: a production stage refuses the development SMS
 * sender; a real provider gets its settings and exactly the access it needs, on the identity
 * function only (the credentials secret, or AWS SMS through the one origination identity); WeChat
 * gets its AppID and an AppSecret secret, read by identity (sign-in) and the table-events consumer
 * (subscribe messages). cdk-nag passes with all of it.
 */
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { ENV_NAMES } from '../../functions/src/lib/config';
import { build, type Built, logicalId, nagFindings } from './support';

const ALIYUN = { provider: 'aliyun', signName: '绿盾通', templateCode: 'SMS_154950909' };
const ORIGINATION = 'arn:aws:sms-voice:ap-east-1:123456789012:sender-id/GREENSHIELD/CN';
const AWS_SMS = { provider: 'aws', originationIdentityArn: ORIGINATION, messageTemplate: '【绿盾通】验证码 {code}', configurationSetName: 'green-shield' };
/** A production stage without a stage file (prod-… names one), so only what a test gives counts. */
const PRODUCTION = { stage: 'prod-test', appOrigin: 'https://greenshield.example.cn' };
const WECHAT = { appId: 'wx0123456789abcdef' };

type Statement = { Action: string | string[]; Resource: unknown };

/** Every statement naming `resource`, with the role it is attached to. */
function statementsNaming(built: Built, resource: unknown): Array<{ role: string; statement: Statement }> {
  const policies = Object.values(built.template.findResources('AWS::IAM::Policy')) as any[];
  return policies.flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => [statement.Resource].flat().some((named) => JSON.stringify(named) === JSON.stringify(resource)))
      .flatMap((statement) => policy.Properties.Roles.map((role: { Ref: string }) => ({ role: role.Ref, statement }))),
  );
}

const identityRole = (built: Built) => logicalId(built, built.stack.functions.identity.role);
const tableEventsRole = (built: Built) => logicalId(built, built.stack.functions.tableEvents.role);
const environmentOf = (built: Built, name: string) =>
  built.template.toJSON().Resources[logicalId(built, built.stack.functions[name].fn)].Properties.Environment.Variables as Record<string, unknown>;

describe('a production stage', () => {
  it('refuses to synthesize with the development SMS sender', () => {
    expect(() => build({ context: PRODUCTION })).toThrow(/production stage and would send sign-in codes to the function log/);
  });
});

describe('Aliyun SMS and WeChat configured (production)', () => {
  const built = build({ context: { ...PRODUCTION, sms: JSON.stringify(ALIYUN), wechat: WECHAT } });
  const smsSecret = { Ref: logicalId(built, built.stack.signInProviders.smsCredentials!) };
  const wechatSecret = { Ref: logicalId(built, built.stack.signInProviders.wechatAppSecret!) };

  it('keeps each third-party credential in a secret of its own, retained, never in the template', () => {
    for (const secret of [smsSecret, wechatSecret]) {
      expect(built.template.toJSON().Resources[secret.Ref]).toMatchObject({ Type: 'AWS::SecretsManager::Secret', DeletionPolicy: 'Retain' });
    }
    expect(JSON.stringify(built.template.toJSON())).not.toMatch(/accessKeySecret"?\s*:\s*"[^…]/);
  });

  it('lets the identity function read them, and the table-events consumer the AppSecret alone, with GetSecretValue on exactly these secrets', () => {
    const signInSecrets = new Set([JSON.stringify(smsSecret), JSON.stringify(wechatSecret)]);
    const readers = (secret: unknown) => (secret === wechatSecret ? [identityRole(built), tableEventsRole(built)] : [identityRole(built)]);
    for (const secret of [smsSecret, wechatSecret]) {
      const naming = statementsNaming(built, secret);
      expect(new Set(naming.map(({ role }) => role))).toEqual(new Set(readers(secret)));
      expect(naming.flatMap(({ statement }) => [statement.Action].flat()).sort()).toEqual(naming.map(() => 'secretsmanager:GetSecretValue'));
      // (IAM policy minimisation may merge the two grants into one statement.)
      for (const { statement } of naming) for (const named of [statement.Resource].flat()) expect(signInSecrets.has(JSON.stringify(named))).toBe(true);
    }
  });

  it('gives the identity function the settings and the secrets ARNs, the table-events consumer (subscribe messages) the WeChat ones, and no other function any of it', () => {
    expect(environmentOf(built, 'identity')).toMatchObject({
      [ENV_NAMES.smsSettings]: JSON.stringify({ ...ALIYUN, codeParam: 'code', region: 'cn-hangzhou' }),
      [ENV_NAMES.smsCredentialsSecret]: smsSecret,
      [ENV_NAMES.wechatAppId]: WECHAT.appId,
      [ENV_NAMES.wechatAppSecretSecret]: wechatSecret,
    });
    const tableEvents = environmentOf(built, 'tableEvents');
    expect(tableEvents).toMatchObject({ [ENV_NAMES.wechatAppId]: WECHAT.appId, [ENV_NAMES.wechatAppSecretSecret]: wechatSecret });
    expect(tableEvents[ENV_NAMES.smsSettings]).toBeUndefined();
    expect(tableEvents[ENV_NAMES.smsCredentialsSecret]).toBeUndefined();
    for (const spec of FUNCTIONS.filter((candidate) => !candidate.grants.signInProviders && !candidate.grants.wechat)) {
      const variables = environmentOf(built, spec.name);
      for (const name of [ENV_NAMES.smsSettings, ENV_NAMES.smsCredentialsSecret, ENV_NAMES.wechatAppId, ENV_NAMES.wechatAppSecretSecret]) {
        expect(variables[name], `${spec.name} ${name}`).toBeUndefined();
      }
    }
  });

  it('tells the operator where to put the credentials', () => {
    const outputs = built.template.toJSON().Outputs;
    expect(outputs.SmsCredentialsSecretArn.Value).toEqual(smsSecret);
    expect(outputs.WechatAppSecretArn.Value).toEqual(wechatSecret);
    expect(outputs.SigningKeySecretArn.Value).toEqual({ Ref: logicalId(built, built.stack.signingKey) });
  });

  it('passes cdk-nag', () => {
    expect(nagFindings(built)).toEqual([]);
  });
});

describe('AWS End User Messaging SMS configured (production)', () => {
  const built = build({ context: { ...PRODUCTION, sms: AWS_SMS } });

  it('lets only the identity function send, through the configured origination identity and configuration set', () => {
    const statements = (Object.values(built.template.findResources('AWS::IAM::Policy')) as any[]).flatMap((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[])
        .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('sms-voice:') || action.startsWith('sns:')))
        .map((statement) => ({ roles: policy.Properties.Roles.map((role: { Ref: string }) => role.Ref), statement })),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0].roles).toEqual([identityRole(built)]);
    expect(statements[0].statement.Action).toBe('sms-voice:SendTextMessage');
    expect([statements[0].statement.Resource].flat().sort()).toEqual(['arn:aws:sms-voice:ap-east-1:123456789012:configuration-set/green-shield', ORIGINATION]);
  });

  it('makes no credentials secret (the function role is the credential)', () => {
    expect(built.stack.signInProviders.smsCredentials).toBeUndefined();
    expect(environmentOf(built, 'identity')[ENV_NAMES.smsCredentialsSecret]).toBeUndefined();
    expect(built.template.toJSON().Outputs.SmsCredentialsSecretArn).toBeUndefined();
  });

  it('passes cdk-nag', () => {
    expect(nagFindings(built)).toEqual([]);
  });
});
