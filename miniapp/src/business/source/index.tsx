import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../api/client';
import { CreditExplanation } from '../../components/CreditExplanation';
import { InfoRow } from '../../components/InfoRow';
import { Loadable } from '../../components/PageState';
import { RectificationsSection } from '../../components/RectificationCard';
import { Section } from '../../components/Section';
import { SourceHero } from '../../components/SourceHero';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useSourceId, useSourcePageData } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { EvidenceForm } from './EvidenceForm';
import './index.scss';

/**
 * The operator's compliance page: level and score with the reasons, what to put right by
 * when, with a form to send evidence for each open item. Fresh on every show and on pull-down,
 * since an officer's decision changes the level meanwhile.
 */
export default function MyBusinessPage() {
  const user = useSignedInUser();
  const district = useDistrict();
  const id = useSourceId();
  const view = useSourcePageData(useCallback(() => call('mySource', { params: { id } }), [id]));
  if (!user) return null;

  return (
    <View className="page my-business">
      <Loadable data={view.data} error={view.error} loading={view.loading} onRetry={view.reload}>
        {({ source, credit, rectifications }) => (
          <>
            <SourceHero kind={source.kind} name={source.name} level={credit.level} score={credit.score} subtitle={streetNameOf(district, source.streetCode)} />
            <CreditExplanation credit={credit} />
            <RectificationsSection
              rectifications={rectifications}
              viewer="operator"
              actionsOf={(rectification) => (
                <>
                  {rectification.status === 'open' && <EvidenceForm sourceId={source.id} rectification={rectification} view={view} />}
                  {rectification.status === 'submitted' && <Text className="my-business__waiting">{zh.business.waitingReview}</Text>}
                </>
              )}
            />
            <Section>
              <View className="info-rows">
                <InfoRow label={zh.sources.address} value={source.address} />
                <InfoRow label={zh.sources.creditCode} value={source.creditCode} />
              </View>
            </Section>
          </>
        )}
      </Loadable>
    </View>
  );
}
