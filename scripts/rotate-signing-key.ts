/**
 * Rotates the key that signs access tokens, run by an operator with their own credentials against
 * the deployed stack (or DynamoDB Local while `npm start` runs). Nobody is signed out: the new public
 * key is published first, then made the signing key, and the replaced key keeps verifying until the
 * last token it can have signed expires (lib/key-set.ts). The pepper, which keys every stored hash,
 * is not rotated; on an older deployment it is first moved into its own secret.
 *
 *   npm run keys:rotate            a planned rotation
 *   npm run keys:rotate -- --revoke   the key leaked: its tokens stop at once (everyone signs in again)
 *
 * Environment (as for npm run admin:create):
 *   TABLE_NAME          the table: the stack's `TableName` output, or GreenShield locally
 *   SIGNING_KEY_SECRET  AWS: the stack's `SigningKeySecretArn` output
 *   PEPPER_SECRET       AWS: the stack's `PepperSecretArn` output
 *   SIGNING_KEY_DIR     locally instead of both: the key folder of `npm start` (default .data/keys)
 *   DYNAMODB_ENDPOINT   DynamoDB Local, e.g. http://127.0.0.1:8700 (unset: AWS, with AWS_REGION / AWS_PROFILE)
 *
 * Exit status: 0 rotated, 1 misuse.
 */
import { parseArgs } from 'node:util';
import { keyStoresFromEnv } from '../functions/src/identity/handler';
import { systemClock } from '../functions/src/lib/clock';
import { requiredEnv } from '../functions/src/lib/config';
import { KEY_SET_MAX_AGE_SECONDS, SIGNING_KEY_MAX_AGE_SECONDS } from '../functions/src/lib/key-set';
import { createDocumentClient } from '../functions/src/store/client';
import { rotateSigningKey } from '../functions/src/store/verification-keys';
import { adoptOperatorCredentials } from './lib/operator-credentials';

let args: { revoke?: boolean };
try {
  args = parseArgs({ options: { revoke: { type: 'boolean', default: false } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n用法：npm run keys:rotate [-- --revoke]`);
  process.exit(1);
}

await adoptOperatorCredentials();
const db = createDocumentClient();
try {
  console.log('发布新公钥，等待各函数读到后启用……');
  const result = await rotateSigningKey({ ...keyStoresFromEnv(), db, tableName: requiredEnv('tableName'), clock: systemClock, revoke: args.revoke });
  console.log(`新签名密钥 ${result.kid} 已启用；各函数在 ${SIGNING_KEY_MAX_AGE_SECONDS / 60} 分钟内改用它签发令牌。`);
  for (const { kid, verifyUntil } of result.retired) {
    console.log(
      args.revoke
        ? `已吊销密钥 ${kid}：它签发的令牌不再有效（各函数 ${KEY_SET_MAX_AGE_SECONDS / 60} 分钟内生效）。`
        : `旧密钥 ${kid} 签发的令牌在 ${verifyUntil} 前仍然有效。`,
    );
  }
} finally {
  db.destroy();
}
