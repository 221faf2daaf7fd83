/**
 * Issue 14, "Data and logs", on the templates of the two example production stages, one per
 * partition (infra/stages/prod.json, prod-cn.json): every log kept the configured days (at least
 * 180), the photos versioned and backed up with the table, each function's access narrowed, the
 * indexes holding only what their reads use. Each stage is synthesized once for the whole file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_PREFIXES } from '@green-shield/shared/api/upload-keys';
import { FUNCTIONS } from '../../functions/src/lambdas';
import { TABLE_DEFINITION } from '../../functions/src/store/table-definition';
import { grantedFamilies, leadingKeyPattern } from '../../functions/src/store/table-access';
import { DAILY_BACKUP_RETENTION_DAYS } from '../../infra/constructs/data-backup';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/data-grants';
import { DEFAULT_EVIDENCE_RETENTION_DAYS } from '../../infra/config';
import { build, fakeSiteBuild, logicalId, nagFindings, type Built } from './support';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
type Resources = Record<string, Resource>;

/** China's Cybersecurity Law, Art. 21: network logs are kept no less than six months. */
const LEGAL_MINIMUM_LOG_DAYS = 180;

interface Stage {
  name: string;
  built: Built;
  resources: Resources;
  logRetentionDays: number;
  evidenceRetentionDays: number;
}

const stages: Stage[] = [];
const stageSpecs = [
  // Global: hosting with the H5 build (its deployment handler has a log group too); its file keeps logs
  // a year, and a longer evidence retention is asked for on the command line.
  { stage: 'prod', region: undefined, logRetentionDays: 365, evidenceRetentionDays: 1827, siteDistDir: fakeSiteBuild() },
  // China: six months of logs (its file), the default evidence retention.
  { stage: 'prod-cn', region: 'cn-northwest-1', logRetentionDays: 180, evidenceRetentionDays: undefined, siteDistDir: undefined },
];

beforeAll(() => {
  for (const spec of stageSpecs) {
    const context: Record<string, unknown> = { stage: spec.stage };
    if (spec.evidenceRetentionDays) context.evidenceRetentionDays = String(spec.evidenceRetentionDays);
    const built = build({ context, region: spec.region, siteDistDir: spec.siteDistDir });
    stages.push({
      name: spec.stage,
      built,
      resources: built.template.toJSON().Resources,
      logRetentionDays: spec.logRetentionDays,
      evidenceRetentionDays: spec.evidenceRetentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS,
    });
  }
});

const ofType = (stage: Stage, type: string) => Object.entries(stage.resources).filter(([, resource]) => resource.Type === type);
const uploadsOf = (stage: Stage) => stage.resources[logicalId(stage.built, stage.built.stack.uploads)].Properties;
const tableIdOf = (stage: Stage) => ofType(stage, 'AWS::DynamoDB::Table')[0][0];

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, string | string[]>> };
/** Every statement of the policies attached to a function's role. */
const statementsOf = (stage: Stage, name: string): Statement[] => {
  const roleId = logicalId(stage.built, stage.built.stack.functions[name].role);
  return ofType(stage, 'AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
};
const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
const sorted = (values: unknown) => [values ?? []].flat().map(String).sort();
/**
 * How a function's role may use one table action: on the table itself and on its indexes, each with
 * the leading keys its condition allows (undefined: not allowed there).
 */
function tableAccess(stage: Stage, name: string, action: string) {
  const tableArn = { 'Fn::GetAtt': [tableIdOf(stage), 'Arn'] };
  const indexArn = { 'Fn::Join': ['', [tableArn, '/index/*']] };
  const keysOn = (resource: unknown) => {
    const statements = statementsOf(stage, name).filter(
      (statement) =>
        [statement.Action].flat().includes(action) && [statement.Resource].flat().some((candidate) => JSON.stringify(candidate) === JSON.stringify(resource)),
    );
    if (statements.length === 0) return undefined;
    expect(statements, `${name} ${action}: one statement`).toHaveLength(1);
    expect(Object.keys(statements[0].Condition ?? {}), `${name} ${action}: held to its leading keys`).toEqual(['ForAllValues:StringLike']);
    return sorted(statements[0].Condition!['ForAllValues:StringLike']['dynamodb:LeadingKeys']);
  };
  return { table: keysOn(tableArn), indexes: keysOn(indexArn) };
}

describe.each(stageSpecs.map((spec, index) => [spec.stage, index] as const))('%s', (_name, index) => {
  const stage = () => stages[index];

  describe('logs', () => {
    it('keeps every log group the configured days, at least 180', () => {
      const groups = ofType(stage(), 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThan(0);
      for (const [id, group] of groups) {
        expect(group.Properties.RetentionInDays, id).toBe(stage().logRetentionDays);
        expect(group.Properties.RetentionInDays, id).toBeGreaterThanOrEqual(LEGAL_MINIMUM_LOG_DAYS);
        expect(group.DeletionPolicy, id).toBe('Retain');
      }
      // Explicit log groups, not the deprecated log-retention custom resource.
      expect(ofType(stage(), 'Custom::LogRetention')).toEqual([]);
    });

    it('gives every function, CDK handlers included, one of those log groups', () => {
      const functions = ofType(stage(), 'AWS::Lambda::Function');
      expect(functions.length).toBeGreaterThan(0);
      for (const [id, fn] of functions) {
        const group = fn.Properties.LoggingConfig?.LogGroup?.Ref;
        expect(stage().resources[group]?.Type, id).toBe('AWS::Logs::LogGroup');
      }
    });

    it("writes the API's access logs (with client addresses) to one of those log groups", () => {
      const [[, apiStage]] = ofType(stage(), 'AWS::ApiGatewayV2::Stage');
      const settings = apiStage.Properties.AccessLogSettings;
      expect(stage().resources[settings.DestinationArn['Fn::GetAtt'][0]].Properties.RetentionInDays).toBe(stage().logRetentionDays);
      expect(JSON.parse(settings.Format).ip).toBe('$context.identity.sourceIp');
    });

    it('expires CDN and bucket access logs after the configured days', () => {
      const uploads = uploadsOf(stage());
      const logBucketId = uploads.LoggingConfiguration.DestinationBucketName.Ref;
      const rules = stage().resources[logBucketId].Properties.LifecycleConfiguration.Rules as any[];
      expect(rules).toContainEqual(expect.objectContaining({ ExpirationInDays: stage().logRetentionDays, Status: 'Enabled' }));
      for (const rule of rules) if (rule.ExpirationInDays !== undefined) expect(rule.ExpirationInDays).toBeGreaterThanOrEqual(LEGAL_MINIMUM_LOG_DAYS);
      for (const [, distribution] of ofType(stage(), 'AWS::CloudFront::Distribution')) {
        expect(distribution.Properties.DistributionConfig.Logging.Bucket['Fn::GetAtt'][0]).toBe(logBucketId);
      }
    });
  });

  describe('photos', () => {
    it('are versioned, and an earlier version is kept the configured days', () => {
      const uploads = uploadsOf(stage());
      expect(uploads.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      const rules = uploads.LifecycleConfiguration.Rules as any[];
      const evidence = rules.find((rule) => rule.Prefix === undefined && rule.NoncurrentVersionExpiration);
      expect(evidence).toMatchObject({ NoncurrentVersionExpiration: { NoncurrentDays: stage().evidenceRetentionDays }, Status: 'Enabled' });
      // Nothing outside uploads/ ever expires: photos stay until deleted, and then as versions.
      for (const rule of rules) if (rule.ExpirationInDays !== undefined) expect(rule.Prefix).toBe('uploads/');
      // Unused uploads are not evidence: their versions go with them.
      expect(rules.find((rule) => rule.Prefix === 'uploads/')).toMatchObject({ ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
      // What AWS Backup turns on for S3 stays on.
      expect(uploads.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    });
  });

  describe('backup', () => {
    it('copies the table and the upload bucket with one plan', () => {
      const [[, selection]] = ofType(stage(), 'AWS::Backup::BackupSelection');
      expect(ofType(stage(), 'AWS::Backup::BackupSelection')).toHaveLength(1);
      const resources = selection.Properties.BackupSelection.Resources as any[];
      expect(resources).toHaveLength(2);
      expect(resources).toContainEqual({ 'Fn::GetAtt': [tableIdOf(stage()), 'Arn'] });
      expect(resources).toContainEqual({ 'Fn::GetAtt': [logicalId(stage().built, stage().built.stack.uploads), 'Arn'] });
      const [[planId, plan]] = ofType(stage(), 'AWS::Backup::BackupPlan');
      expect(selection.Properties.BackupPlanId).toEqual({ 'Fn::GetAtt': [planId, 'BackupPlanId'] });

      const rules = plan.Properties.BackupPlan.BackupPlanRule as any[];
      expect(rules.map((rule) => [rule.RuleName, rule.ScheduleExpression, rule.Lifecycle.DeleteAfterDays])).toEqual([
        ['Daily', 'cron(0 18 * * ? *)', DAILY_BACKUP_RETENTION_DAYS],
        ['Monthly', 'cron(0 18 1 * ? *)', stage().evidenceRetentionDays],
      ]);
      const [[vaultId, vault]] = ofType(stage(), 'AWS::Backup::BackupVault');
      for (const rule of rules) expect(rule.TargetBackupVault).toEqual({ 'Fn::GetAtt': [vaultId, 'BackupVaultName'] });
      expect(vault.DeletionPolicy).toBe('Retain');
      // Copies cannot be deleted before they expire, by anyone.
      expect(vault.Properties.AccessPolicy.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Action: expect.arrayContaining(['backup:DeleteRecoveryPoint']) }),
      );
    });

    it('backs up and restores through a role AWS Backup alone assumes, with the S3 policies', () => {
      const [[, selection]] = ofType(stage(), 'AWS::Backup::BackupSelection');
      const role = stage().resources[selection.Properties.BackupSelection.IamRoleArn['Fn::GetAtt'][0]].Properties;
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      ]);
      const policies = JSON.stringify(role.ManagedPolicyArns);
      for (const name of [
        'AWSBackupServiceRolePolicyForBackup',
        'AWSBackupServiceRolePolicyForRestores',
        'AWSBackupServiceRolePolicyForS3Backup',
        'AWSBackupServiceRolePolicyForS3Restore',
      ]) {
        expect(policies).toContain(`:iam::aws:policy/${name.includes('S3') ? '' : 'service-role/'}${name}"`);
      }
    });
  });

  describe('index projections', () => {
    it('copy into each index only its keys and the attributes TABLE_DEFINITION names for it, never the whole item', () => {
      const indexes = stage().resources[tableIdOf(stage())].Properties.GlobalSecondaryIndexes as any[];
      expect(indexes.map((index) => index.IndexName)).toEqual(TABLE_DEFINITION.globalIndexes.map((index) => index.indexName));
      for (const def of TABLE_DEFINITION.globalIndexes) {
        const projection = indexes.find((index) => index.IndexName === def.indexName).Projection;
        expect(projection, def.indexName).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: [...def.projects] });
      }
      // DynamoDB allows 100 projected attributes over all indexes of a table; this stays far below.
      expect(indexes.flatMap((index) => index.Projection.NonKeyAttributes).length).toBeLessThanOrEqual(30);
    });
  });

  describe('least privilege', () => {
    it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))('%s: the table only by the key families of its grant, never Scan', (name, spec) => {
      const families = grantedFamilies(spec.grants.table);
      const patterns = (values: string[]) => (values.length ? sorted(values.map(leadingKeyPattern)) : undefined);
      for (const action of TABLE_READ_ACTIONS) expect(tableAccess(stage(), name, action).table, action).toEqual(patterns(families.read));
      for (const action of TABLE_WRITE_ACTIONS) expect(tableAccess(stage(), name, action).table, action).toEqual(patterns(families.write));
      expect(tableAccess(stage(), name, 'dynamodb:Query').indexes).toEqual(patterns(families.list));
      // Nothing else of DynamoDB but reading the stream a consumer is subscribed to.
      const actions = statementsOf(stage(), name).flatMap((statement) => [statement.Action].flat());
      const other = actions.filter(
        (action) => action.startsWith('dynamodb:') && ![...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS, ...STREAM_ACTIONS].includes(action),
      );
      expect(other).toEqual([]);
      expect(actions.some((action) => STREAM_ACTIONS.includes(action))).toBe(spec.trigger === 'table-stream');
    });

    it('lets the public-facing platform function read only the keys that verify tokens', () => {
      const platform = FUNCTIONS.find((spec) => spec.trigger === 'http' && spec.defaultRoute)!.name;
      expect(tableAccess(stage(), platform, 'dynamodb:GetItem').table).toEqual(['CONFIG#SIGNING_KEY']);
      for (const action of [...TABLE_WRITE_ACTIONS]) expect(tableAccess(stage(), platform, action).table).toBeUndefined();
      expect(tableAccess(stage(), platform, 'dynamodb:Query').indexes).toBeUndefined();
      expect(
        statementsOf(stage(), platform)
          .flatMap((statement) => [statement.Action].flat())
          .filter((action) => /^(s3|secretsmanager):/.test(action)),
      ).toEqual([]);
    });

    it('lets functions make only the Secrets Manager calls they make: reading a secret, and identity writing the first version of its own', () => {
      for (const spec of FUNCTIONS) {
        const actions = statementsOf(stage(), spec.name)
          .flatMap((statement) => [statement.Action].flat())
          .filter((action) => action.startsWith('secretsmanager:'));
        const expected = [
          ...(Object.values(spec.grants).some((grant) => grant === 'read' || grant === 'readwrite' || grant === 'use')
            ? ['secretsmanager:GetSecretValue']
            : []),
          ...(spec.grants.signingKey === 'readwrite' || spec.grants.pepper ? ['secretsmanager:PutSecretValue'] : []),
        ];
        expect(sorted([...new Set(actions)]), spec.name).toEqual(expected);
      }
    });

    it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))('%s: the bucket only under the prefixes of its grant', (name, spec) => {
      const bucketArn = { 'Fn::GetAtt': [logicalId(stage().built, stage().built.stack.uploads), 'Arn'] };
      const under = (prefixes: readonly (keyof typeof OBJECT_PREFIXES)[] | undefined) =>
        sorted((prefixes ?? []).map((prefix) => JSON.stringify({ 'Fn::Join': ['', [bucketArn, `/${OBJECT_PREFIXES[prefix]}*`]] })));
      const resourcesFor = (action: string) =>
        sorted(
          statementsOf(stage(), name)
            .filter((statement) => [statement.Action].flat().includes(action))
            .flatMap((statement) => [statement.Resource].flat().map((resource) => JSON.stringify(resource))),
        );
      const grant = spec.grants.uploads;
      expect(resourcesFor('s3:GetObject')).toEqual(under(grant?.read));
      expect(resourcesFor('s3:PutObject')).toEqual(under(grant?.write));
      expect(resourcesFor('s3:DeleteObject')).toEqual(under(grant?.delete));
      expect(resourcesFor('s3:ListBucket')).toEqual(grant ? [JSON.stringify(bucketArn)] : []);
      // No action groups (GetObject*, DeleteObject*), nothing on the whole bucket's objects.
      for (const statement of statementsOf(stage(), name)) {
        for (const action of [statement.Action].flat().filter((candidate) => candidate.startsWith('s3:'))) expect(action).not.toContain('*');
      }
    });
  });

  it('passes cdk-nag', () => {
    expect(nagFindings(stage().built)).toEqual([]);
  });
});

describe('a disposable stage (retainData=false)', () => {
  it('has no backup plan', () => {
    const built = build({ context: { stage: 'scratch', retainData: 'false', hosting: 'false' } });
    expect(built.template.findResources('AWS::Backup::BackupPlan')).toEqual({});
  });
});
