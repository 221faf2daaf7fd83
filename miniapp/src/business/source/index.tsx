import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { RectificationViewT } from '@green-shield/shared/api/source-schemas';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
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
import { openSourcePage, PAGES } from '../../navigation';
import { nextLevelText } from '../../utils/credit';
import { EvidenceForm } from './EvidenceForm';
import './index.scss';

/**
 * The operator's compliance page: level and score with the reasons and how many points lead to the
 * next level (`source-next-level`), what to put right by when, each open item's evidence form
 * behind its own button (`evidence-open-<id>`; one open at a time), and their eco-code poster
 * (`business-poster`). Fresh on every show and on pull-down, since an officer's decision changes
 * the level meanwhile.
 */
export default function MyBusinessPage() {
  const user = useSignedInUser();
  const district = useDistrict();
  const id = useSourceId();
  const view = useSourcePageData(useCallback(() => call('mySource', { params: { id } }), [id]));
  // One evidence form at a time: a page of stacked forms hides which item each belongs to.
  const [expanded, setExpanded] = useState<string>();
  if (!user) return null;

  const evidenceFor = (sourceId: string, rectification: RectificationViewT) =>
    expanded === rectification.id ? (
      <>
        <EvidenceForm sourceId={sourceId} rectification={rectification} view={view} />
        <Button id={`evidence-close-${rectification.id}`} small variant="ghost" className="my-business__toggle" onClick={() => setExpanded(undefined)}>
          {zh.operator.evidenceClose}
        </Button>
      </>
    ) : (
      <Button id={`evidence-open-${rectification.id}`} small variant="secondary" className="my-business__toggle" onClick={() => setExpanded(rectification.id)}>
        {rectification.evidence.length > 0 ? zh.business.resubmitHint : zh.operator.evidenceOpen}
      </Button>
    );

  return (
    <View className="page my-business">
      <Loadable data={view.data} error={view.error} loading={view.loading} onRetry={view.reload}>
        {({ source, credit, rectifications }) => (
          <>
            <SourceHero kind={source.kind} name={source.name} level={credit.level} score={credit.score} subtitle={streetNameOf(district, source.streetCode)} />
            <Section title={zh.operator.nextLevelTitle}>
              <Text className="my-business__next-level" id="source-next-level">
                {nextLevelText(credit)}
              </Text>
            </Section>
            <RectificationsSection
              rectifications={rectifications}
              viewer="operator"
              actionsOf={(rectification) => (
                <>
                  {rectification.status === 'open' && evidenceFor(source.id, rectification)}
                  {rectification.status === 'submitted' && <Text className="my-business__waiting">{zh.business.waitingReview}</Text>}
                </>
              )}
            />
            <CreditExplanation credit={credit} />
            <Section>
              <View className="info-rows">
                <InfoRow label={zh.sources.address} value={source.address} />
                <InfoRow label={zh.sources.creditCode} value={source.creditCode} />
              </View>
              <Button id="business-poster" variant="secondary" block className="my-business__poster" onClick={() => openSourcePage(PAGES.myPoster, source.id)}>
                {zh.operator.posterLink}
              </Button>
            </Section>
          </>
        )}
      </Loadable>
    </View>
  );
}
