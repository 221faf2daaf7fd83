/**
 * Writes the list keys of every source and complaint again from the stored items, after a change
 * added new ones (issue 8 added the level-and-kind, tag-by-level-and-kind and geohash-7 keys of
 * sources, and the complaints' queue entries). Idempotent; run once after deploying such a change:
 *
 *   TABLE_NAME=GreenShield DYNAMODB_ENDPOINT=http://127.0.0.1:8700 npm run lists:reindex
 *
 * Environment as for `npm run import:sources` (unset DYNAMODB_ENDPOINT: AWS with the usual credentials).
 */
import { baseDepsFromEnv } from '../functions/src/store/runtime';
import { ComplaintRepository } from '../functions/src/complaints/repository';
import { reindexAllSources } from '../functions/src/sources/rebuild';
import { SourceRepository } from '../functions/src/sources/repository';
import { SourceLists } from '../functions/src/sources/source-lists';
import { createProgressBar } from './lib/progress-bar';

const deps = baseDepsFromEnv('reindex-cli');
const sources = new SourceRepository(deps.db, deps.tableName);
const lists = new SourceLists(deps.db, deps.tableName, sources);
const bar = createProgressBar(
  await lists.count(
    deps.district.code,
    deps.district.streets.map((street) => street.code),
  ),
  '重建污染源索引',
);
const sourceCount = await reindexAllSources(lists, sources, deps.district, (done) => bar.update(done));
bar.finish();
const complaintCount = await new ComplaintRepository(deps.db, deps.tableName).reindexQueueEntries(deps.district.code);
console.log(`已重建 ${sourceCount} 个污染源和 ${complaintCount} 件投诉的列表索引。`);
deps.db.destroy();
