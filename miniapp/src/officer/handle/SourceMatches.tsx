import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ComplaintViewT } from '@green-shield/shared/api/schemas';
import { ApiError, call } from '../../api/client';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { LevelBadge } from '../../components/LevelBadge';
import { Loadable } from '../../components/PageState';
import { Section } from '../../components/Section';
import { Tappable } from '../../components/Tappable';
import { useRemote } from '../../hooks/useRemote';
import { zh } from '../../i18n/zh-CN';
import { openSource } from '../../navigation';
import './source-matches.scss';

const t = zh.sourceOfficer;

/**
 * "关联污染源": registered sources the complaint is probably about (by distance and name, ranked
 * by the API), each linked with one tap; only substantiated complaints cost the source points, and a
 * complaint is found substantiated only once handled (an earlier link can be upgraded then).
 * Ids: `source-matches`, `source-match-<sourceId>`,
 * `source-match-<sourceId>-substantiated`, `source-match-<sourceId>-unsubstantiated`,
 * `source-match-<sourceId>-linked`, `source-matches-error`.
 */
export function SourceMatches({ complaint }: { complaint: ComplaintViewT }) {
  const matches = useRemote(useCallback(() => call('complaintSourceMatches', { params: { id: complaint.id } }), [complaint.id]));
  const [linking, setLinking] = useState<string>();
  const [failure, setFailure] = useState<unknown>();

  const link = async (sourceId: string, substantiated: boolean) => {
    setLinking(sourceId);
    setFailure(undefined);
    try {
      await call('linkComplaint', { params: { id: sourceId }, body: { complaintId: complaint.id, substantiated } });
      Taro.showToast({ title: t.linked, icon: 'success' });
    } catch (error) {
      // Linked meanwhile (by another officer, or a retried tap): the reload shows it as linked.
      if (!(error instanceof ApiError && error.code === 'ALREADY_LINKED')) setFailure(error);
    } finally {
      setLinking(undefined);
      void matches.reload();
    }
  };

  return (
    <Section title={t.matchesTitle} id="source-matches">
      <Text className="source-matches__hint">{t.matchesHint}</Text>
      <Loadable data={matches.data} error={matches.error} loading={matches.loading} onRetry={matches.reload}>
        {({ items, substantiable }) =>
          items.length === 0 ? (
            <Text className="source-matches__hint" id="source-matches-empty">
              {t.noMatches}
            </Text>
          ) : (
            items.map(({ source, distanceMetres, alreadyLinked, linkedSubstantiated }) => (
              <View key={source.id} className="source-match" id={`source-match-${source.id}`}>
                <Tappable role="link" className="source-match__head" onClick={() => openSource(source.id, true)}>
                  <Text className="source-match__name">{source.name}</Text>
                  <LevelBadge level={source.level} />
                </Tappable>
                <Text className="source-match__meta">{`${t.distance(distanceMetres)} · ${zh.sources.kinds[source.kind]} · ${source.address}`}</Text>
                {alreadyLinked && (linkedSubstantiated || !substantiable) ? (
                  <Text className="source-match__linked" id={`source-match-${source.id}-linked`}>
                    {linkedSubstantiated ? t.alreadyLinkedSubstantiated : t.alreadyLinked}
                  </Text>
                ) : (
                  <View className="source-match__buttons">
                    {alreadyLinked ? (
                      <Text className="source-match__linked" id={`source-match-${source.id}-linked`}>
                        {t.alreadyLinked}
                      </Text>
                    ) : (
                      <Button
                        id={`source-match-${source.id}-unsubstantiated`}
                        small
                        variant="secondary"
                        disabled={linking !== undefined}
                        onClick={() => void link(source.id, false)}
                      >
                        {t.linkUnsubstantiated}
                      </Button>
                    )}
                    {substantiable ? (
                      <Button
                        id={`source-match-${source.id}-substantiated`}
                        small
                        className="source-match__substantiated"
                        disabled={linking !== undefined}
                        onClick={() => void link(source.id, true)}
                      >
                        {alreadyLinked ? t.substantiate : t.linkSubstantiated}
                      </Button>
                    ) : (
                      <Text className="source-matches__hint" id={`source-match-${source.id}-pending`}>
                        {t.substantiateAfterHandling}
                      </Text>
                    )}
                  </View>
                )}
              </View>
            ))
          )
        }
      </Loadable>
      <FormError error={failure} id="source-matches-error" className="source-matches__error" />
    </Section>
  );
}
