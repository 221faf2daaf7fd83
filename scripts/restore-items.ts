/**
 * Puts items back from a table restored from a backup into the live table (docs/runbook.md,
 * "Restore from backup"), run by an operator with their own credentials:
 *
 *   TABLE_NAME=<live table> npm run data:restore-items -- --from <restored table> --partition 'COMPLAINT#01J…' [--partition …]
 *   TABLE_NAME=<live table> npm run data:restore-items -- --from <restored table> --all [--dry-run] [--overwrite]
 *
 * Only items the live table lacks are written unless --overwrite; --dry-run counts, writes nothing.
 * Environment as for npm run admin:create (DYNAMODB_ENDPOINT for DynamoDB Local).
 * Exit status: 0 done, 1 misuse.
 */
import { parseArgs } from 'node:util';
import { requiredEnv } from '../functions/src/lib/config';
import { createDocumentClient } from '../functions/src/store/client';
import { restoreItems } from './lib/restore-items';

const USAGE = '用法：npm run data:restore-items -- --from <恢复出的表> (--partition <pk> ... | --all) [--dry-run] [--overwrite]';

let args: { from?: string; partition?: string[]; all?: boolean; 'dry-run'?: boolean; overwrite?: boolean };
try {
  args = parseArgs({
    options: {
      from: { type: 'string' },
      partition: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      overwrite: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(1);
}
if (!args.from || Boolean(args.partition?.length) === Boolean(args.all)) {
  console.error(USAGE);
  process.exit(1);
}

const db = createDocumentClient();
try {
  const to = requiredEnv('tableName');
  const report = await restoreItems(db, {
    from: args.from,
    to,
    partitions: args.all ? undefined : args.partition,
    overwrite: args.overwrite,
    dryRun: args['dry-run'],
    onProgress: ({ read }) => process.stderr.write(`\r已读取 ${read} 项`),
  });
  process.stderr.write('\n');
  const verb = args['dry-run'] ? '将写回' : '已写回';
  console.log(`从 ${args.from} 读取 ${report.read} 项：${verb} ${report.written} 项到 ${to}，${report.kept} 项在线表中已有，未改动。`);
} finally {
  db.destroy();
}
