import { Text, View } from '@tarojs/components';
import { call } from '../../api/client';
import { Loadable } from '../../components/PageState';
import { Section } from '../../components/Section';
import type { Remote } from '../../hooks/useRemote';
import { useRemote } from '../../hooks/useRemote';
import { zh } from '../../i18n/zh-CN';
import { formatDateTime } from '../../utils/format';
import { jobSummary } from './import-report';

const t = zh.sourceImport;

export type RecentImports = Remote<Awaited<ReturnType<typeof loadRecentImports>>>;
const loadRecentImports = () => call('listImports');

export function useRecentImports(): RecentImports {
  return useRemote(loadRecentImports, { refreshOnShow: true });
}

/** The district's recent imports (ids `import-recent`, `import-recent-<job id>` with `data-status`), so a report outlives the page that started it. */
export function RecentImportsSection({ recent }: { recent: RecentImports }) {
  return (
    <Section title={t.recentTitle} id="import-recent">
      <Loadable data={recent.data} error={recent.error} loading={recent.loading} onRetry={recent.reload}>
        {(data) =>
          data.items.length === 0 ? (
            <Text className="source-import__hint">{t.recentEmpty}</Text>
          ) : (
            <View>
              {data.items.map((job) => (
                <View key={job.id} className="source-import__recent" id={`import-recent-${job.id}`} data-status={job.status}>
                  <Text className="source-import__recent-title">
                    {t.recentKind(job.dryRun)} · {formatDateTime(job.createdAt)}
                  </Text>
                  <Text className="source-import__hint">{jobSummary(job)}</Text>
                </View>
              ))}
            </View>
          )
        }
      </Loadable>
    </Section>
  );
}
