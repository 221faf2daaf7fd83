import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import { call } from '../../api/client';
import { Button } from '../../components/Button';
import { CreditExplanation } from '../../components/CreditExplanation';
import { EmptyState, Loadable } from '../../components/PageState';
import { RectificationsSection } from '../../components/RectificationCard';
import { Section } from '../../components/Section';
import { SourceHero } from '../../components/SourceHero';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { useSourceId, useSourcePageData } from '../../hooks/useSourceView';
import { zh } from '../../i18n/zh-CN';
import { zhCommunity } from '../../i18n/zh-CN-community';
import { openJointRaise, openSourcePage, PAGES } from '../../navigation';
import { isOfficer } from '../../session';
import { EvidenceDecision } from './EvidenceDecision';
import { OperatorRow } from './OperatorRow';
import { SourceActionPanel } from './SourceActionPanel';
import { SourceFacts } from './SourceFacts';
import './index.scss';

const t = zh.sourceOfficer;

/**
 * A source as officers see it: level and why, rectifications with evidence to decide, facts and
 * derived restaurant figures, operators (masked), and what can be recorded about it.
 */
export default function SourceDetailPage() {
  const user = useSignedInUser();
  const district = useDistrict();
  const id = useSourceId();
  const view = useSourcePageData(useCallback(() => call('getSource', { params: { id } }), [id]));
  if (!user) return null;
  if (!isOfficer(user)) return <EmptyState title={zh.officer.notAllowed} />;

  return (
    <View className="page source-detail">
      <Loadable data={view.data} error={view.error} loading={view.loading} onRetry={view.reload}>
        {(data) => (
          <>
            <SourceHero
              kind={data.source.kind}
              name={data.source.name}
              level={data.credit.level}
              score={data.credit.score}
              subtitle={streetNameOf(district, data.source.streetCode)}
            />
            <View className="source-detail__links">
              <Button id="source-inspect" className="source-detail__inspect" onClick={() => openSourcePage(PAGES.inspect, data.source.id)}>
                {t.actions.inspect}
              </Button>
              <Button id="source-timeline-link" variant="secondary" onClick={() => openSourcePage(PAGES.sourceTimeline, data.source.id)}>
                {t.timelineLink}
              </Button>
              <Button id="source-poster-link" variant="secondary" onClick={() => openSourcePage(PAGES.poster, data.source.id)}>
                {t.posterLink}
              </Button>
              {user.roles.includes('street_officer') && (
                <Button id="source-joint-raise" variant="secondary" role="link" onClick={() => openJointRaise(data.source.id)}>
                  {zhCommunity.joint.raiseEntry}
                </Button>
              )}
            </View>

            <RectificationsSection
              rectifications={data.rectifications}
              viewer="officer"
              actionsOf={(rectification) =>
                rectification.status === 'submitted' && <EvidenceDecision sourceId={data.source.id} rectification={rectification} view={view} />
              }
            />

            <CreditExplanation credit={data.credit} />
            <SourceFacts view={data} />

            <Section title={zh.sources.operatorsTitle} id="source-operators">
              {data.operators.length === 0 && <Text className="source-detail__empty">{zh.sources.noOperators}</Text>}
              {data.operators.map((operator) => (
                <OperatorRow key={operator.userId} sourceId={data.source.id} operator={operator} view={view} />
              ))}
            </Section>

            <SourceActionPanel view={view} data={data} />
          </>
        )}
      </Loadable>
    </View>
  );
}
