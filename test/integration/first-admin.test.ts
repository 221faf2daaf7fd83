/**
 * The first admin of a new deployment: `npm run admin:create` run as an operator runs it, against a
 * fresh table in DynamoDB Local (a new deployment, no seed), then against the same table once an
 * admin exists. The admin it makes signs in like anyone else; each grant is in the audit trail.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { IdentityRepository } from '../../functions/src/identity/repository';
import { createDocumentClient } from '../../functions/src/store/client';
import { ensureTable } from '../../scripts/local/table';
import { startTestSystem, type TestSystem } from '../support/system';

const tableName = `t${randomBytes(6).toString('hex')}`;
// Where the test system started on this table keeps its keys: the command must hash numbers with the same pepper.
const keyDir = join(inject('scratchDir'), tableName, 'keys');
const db = createDocumentClient(inject('dynamodbEndpoint'));
const audit = () => new IdentityRepository(db, tableName).auditTrail('310106');

function createAdmin(...args: string[]) {
  return spawnSync('npx', ['tsx', 'scripts/create-admin.ts', ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      SIGNING_KEY_DIR: keyDir,
      DISTRICT_CODE: '310106',
      LOG_LEVEL: 'warn',
    },
  });
}

let t: TestSystem | undefined;
beforeAll(async () => {
  const raw = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(raw, tableName);
  raw.destroy();
});
afterAll(async () => {
  await t?.stop();
  db.destroy();
});

describe('npm run admin:create', () => {
  it('refuses a bad number or a missing name, writing nothing', async () => {
    const bad = createAdmin('--phone', '12345', '--name', '张三');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('用法');
    expect(createAdmin('--phone', '13766660001').status).toBe(1);
    expect(await audit()).toEqual([]);
  });

  it('makes the first admin of a fresh deployment, with an audit event naming the command', async () => {
    const made = createAdmin('--phone', '13766660001', '--name', '张三');
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('137****0001');
    const [event] = await audit();
    expect(event).toMatchObject({ action: 'role_granted', role: 'admin', phoneMasked: '137****0001', note: 'first admin of the district' });
    expect(event.actor).toMatch(/^cli:admin:create:.+@.+$/);
    const admin = await new IdentityRepository(db, tableName).getUser(event.targetUserId);
    expect(admin).toMatchObject({ roles: ['admin'], name: '张三', phone: '13766660001' });
  });

  it('refuses a second admin unless forced, and records the exception', async () => {
    const refused = createAdmin('--phone', '13766660002', '--name', '李四');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(await audit()).toHaveLength(1);

    const forced = createAdmin('--phone', '13766660002', '--name', '李四', '--force');
    expect(forced.status, forced.stderr).toBe(0);
    expect((await audit()).at(-1)).toMatchObject({ role: 'admin', phoneMasked: '137****0002', note: 'forced: 1 admin account(s) existed' });
  });

  it('made an admin who signs in by SMS code and provisions officers, each grant audited', async () => {
    t = await startTestSystem({ tableName });
    const admin = await t.signIn('13766660001');
    const me = await admin.call('GET', '/api/me').expect(200);
    expect(me).toMatchObject({ roles: ['admin'], name: '张三' });
    await admin.call('POST', '/api/admin/officers', { phone: '13766660003', name: '王五', role: 'bureau_officer' }).expect(201);
    expect((await audit()).at(-1)).toMatchObject({ role: 'bureau_officer', phoneMasked: '137****0003', actor: me.id });
  });
});
