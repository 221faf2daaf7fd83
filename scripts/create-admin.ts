/**
 * The first admin of a deployment: a one-off command an operator runs with their own credentials
 * against the deployed stack (or DynamoDB Local). It writes the account through the identity
 * service, as `POST /api/admin/officers` does (the same repository code: the account, the phone
 * claim and an audit event naming this command, who ran it and from where, in one transaction), and
 * refuses while the district already has an admin unless --force (recorded in the audit event).
 * The admin then signs in with the number like anyone else and provisions officers in the app's API.
 *
 *   npm run admin:create -- --phone 13812345678 --name 张三 [--force]
 *
 * Environment:
 *   TABLE_NAME          the table (required): the stack's `TableName` output, or GreenShield locally
 *   SIGNING_KEY_SECRET  AWS: the stack's `SigningKeySecretArn` output
 *   PEPPER_SECRET       AWS: the stack's `PepperSecretArn` output (the pepper keys the phone index)
 *   SIGNING_KEY_DIR     locally instead of both: the key folder of `npm start` (default .data/keys)
 *   DYNAMODB_ENDPOINT   DynamoDB Local, e.g. http://127.0.0.1:8700 (unset: AWS, with AWS_REGION / AWS_PROFILE)
 *   DISTRICT_CODE       the stack's district (default 310106)
 *
 * Exit status: 0 created (or an existing account made admin), 1 misuse, 2 refused (an admin exists).
 */
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ProvisionOfficerBody } from '@green-shield/shared/api/schemas';
import { sourceOperatorLinks } from '../functions/src/entries/identity';
import { createIdentityService, identityDepsFromEnv } from '../functions/src/identity/handler';
import { AdminExistsError } from '../functions/src/identity/service';
import { adoptOperatorCredentials } from './lib/operator-credentials';

const USAGE = '用法：npm run admin:create -- --phone <11 位手机号> --name <姓名> [--force]';
const EXIT = { created: 0, misuse: 1, refused: 2 } as const;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

let args: { phone?: string; name?: string; force?: boolean };
try {
  args = parseArgs({ options: { phone: { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean', default: false } } }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`, EXIT.misuse);
}
const admin = ProvisionOfficerBody.safeParse({ phone: args.phone, name: args.name, role: 'admin' });
if (!admin.success) fail(`${admin.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${USAGE}`, EXIT.misuse);

await adoptOperatorCredentials();
const deps = identityDepsFromEnv();
const { service } = createIdentityService({ ...deps, sourceOperators: sourceOperatorLinks(deps.db, deps.tableName) });
const command = `cli:admin:create:${userInfo().username}@${hostname()}`;
try {
  const user = await service.createFirstAdmin({ phone: admin.data.phone, name: admin.data.name }, command, args.force);
  console.log(`已设置管理员 ${user.name}（${user.phoneMasked}），用户 ID ${user.id}；审计记录已写入（${command}）。用该手机号登录即可。`);
} catch (error) {
  if (error instanceof AdminExistsError) fail(`本区已有 ${error.admins} 个管理员账号，未作改动。确需再设一个，请加 --force（会记入审计记录）。`, EXIT.refused);
  throw error;
} finally {
  deps.db.destroy();
}
