/**
 * Counts the complaints of one or more years again and replaces their counters (the imported counts
 * of earlier years are kept):
 *
 *   TABLE_NAME=GreenShield DYNAMODB_ENDPOINT=http://127.0.0.1:8700 npm run statistics:rebuild -- 2025 2026
 *
 * Without years: this year. Environment as for `npm run import:sources`.
 */
import { calendarDate } from '@green-shield/shared/rules/legal-periods';
import { backgroundDepsFromEnv } from '../functions/src/store/background-client';
import { rebuildComplaintCounters } from '../functions/src/complaints/statistics/rebuild';

const deps = backgroundDepsFromEnv('statistics-rebuild-cli');
const years = process.argv.slice(2).filter((arg) => /^\d{4}$/.test(arg));
for (const year of years.length > 0 ? years : [calendarDate(deps.clock.now(), deps.district.timeZone).slice(0, 4)]) {
  const report = await rebuildComplaintCounters(deps.db, deps.tableName, deps.district, year);
  console.log(`${year} 年：重新统计了 ${report.complaints} 件举报，写入 ${report.items} 条统计。`);
}
deps.db.destroy();
