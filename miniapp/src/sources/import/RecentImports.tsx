import { Text, View } from '@tarojs/components';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { Loadable } from '../../components/PageState';
import { Section } from '../../components/Section';
import type { Remote } from '../../hooks/useRemote';
import { useRemote } from '../../hooks/useRemote';
import { useRemoteAction } from '../../hooks/useRemoteAction';
import { zh } from '../../i18n/zh-CN';
import { formatDateTime } from '../../utils/format';
import { jobSummary } from './import-report';

const t = zh.sourceImport;

export type RecentImports = Remote<Awaited<ReturnType<typeof loadRecentImports>>>;
const loadRecentImports = () => call('listImports');

export function useRecentImports(): RecentImports {
  return useRemote(loadRecentImports, { refreshOnShow: true });
}

/**
 * The district's recent imports (ids `import-recent`, `import-recent-<job id>` with `data-status`), so a
 * report outlives the page that started it. A failed one (an unreadable file, or an interrupted run)
 * can be started again (`import-restart-<job id>`, `import-restart-error`): it goes on after the rows it committed.
 */
export function RecentImportsSection({ recent }: { recent: RecentImports }) {
  // Someone restarted it first, or it finished meanwhile: the list reloads and says so.
  const action = useRemoteAction(recent, { codes: ['VERSION_CONFLICT', 'ILLEGAL_TRANSITION'] });
  const restart = (id: string) =>
    action.run(async () => {
      await call('restartImport', { params: { id } });
      return loadRecentImports();
    }, t.restarted);
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
                  {job.status === 'failed' && (
                    <Button id={`import-restart-${job.id}`} variant="secondary" small disabled={action.busy} onClick={() => void restart(job.id)}>
                      {t.restart}
                    </Button>
                  )}
                </View>
              ))}
              <FormError error={action.error} id="import-restart-error" />
            </View>
          )
        }
      </Loadable>
    </Section>
  );
}
