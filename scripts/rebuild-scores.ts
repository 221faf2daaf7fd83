/**
 * Rebuilds the stored scores that are due (the same work as the scheduled `rescoreSources` job: sources
 * whose `rescoreAt` has come, or scored under other credit rules, as after a new version of them);
 * `--all` rescores every source, due or not (a repair):
 *
 *   TABLE_NAME=GreenShield DYNAMODB_ENDPOINT=http://127.0.0.1:8700 npm run scores:rebuild [-- --all]
 *
 * Environment as for `npm run import:sources` (unset DYNAMODB_ENDPOINT: AWS with the usual
 * credentials). Operators are not notified here; the scheduled job and the stream consumer do that.
 */
import { backgroundDepsFromEnv } from '../functions/src/store/background-client';
import { SourceRepository } from '../functions/src/sources/repository';
import { ScoreProjector } from '../functions/src/sources/score-projection';
import { SourceLists } from '../functions/src/sources/source-lists';
import { rebuildAllScores } from '../functions/src/sources/rebuild';
import { createProgressBar } from './lib/progress-bar';

const deps = backgroundDepsFromEnv('rebuild-cli');
const lists = new SourceLists(deps.db, deps.tableName, new SourceRepository(deps.db, deps.tableName));
const total = await lists.count(
  deps.district.code,
  deps.district.streets.map((street) => street.code),
);
const bar = createProgressBar(total, '重算信用分');
const report = await rebuildAllScores(lists, new ScoreProjector(deps.db, deps.tableName, deps.clock), deps.district, {
  onProgress: (done) => bar.update(done),
  everySource: process.argv.includes('--all'),
});
bar.finish();
console.log(
  `共 ${report.sources} 个污染源，重算了 ${report.rescored} 个（到期或规则已更新），其中 ${report.changed} 个的信用分、等级或预警有变化，用时 ${report.seconds.toFixed(1)} 秒。`,
);
deps.db.destroy();
