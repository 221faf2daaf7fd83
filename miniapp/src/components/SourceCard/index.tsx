import { Text, View } from '@tarojs/components';
import type { DecisionDueT, SourceSummaryT } from '@green-shield/shared/api/source-schemas';
import { zh } from '../../i18n/zh-CN';
import { openSource } from '../../navigation';
import { levelBasisText, warningText } from '../../utils/credit';
import { formatDateTime, formatDay } from '../../utils/format';
import { LevelBadge } from '../LevelBadge';
import { Tappable } from '../Tappable';
import './index.scss';

/**
 * One source in a list: name, level with its reason (`data-basis`: the score's band, or the
 * incidents that set it), score, kind and address, tags, warnings, evidence awaiting a decision
 * (officers; in the decisions list with when the decision is due, `data-decision-overdue`) and open
 * rectifications. Id `<idPrefix>-<sourceId>`; a tap opens the officer's or the operator's page.
 */
export function SourceCard({ source, idPrefix, asOfficer }: { source: SourceSummaryT & { decisionDue?: DecisionDueT }; idPrefix: string; asOfficer: boolean }) {
  const tags = [...source.systemTags, ...source.tags];
  return (
    <Tappable
      role="link"
      className={`source-card source-card--${source.level}`}
      id={`${idPrefix}-${source.id}`}
      onClick={() => openSource(source.id, asOfficer)}
    >
      <View className="source-card__top">
        <Text className="source-card__name">{source.name}</Text>
        <LevelBadge level={source.level} />
      </View>
      <Text className="source-card__basis" data-basis={source.levelBasis.by}>
        {levelBasisText(source)}
      </Text>
      <Text className="source-card__address">{`${zh.sources.kinds[source.kind]} · ${source.address}`}</Text>
      {tags.length > 0 && (
        <View className="source-card__tags">
          {tags.map((tag) => (
            <Text key={tag} className="source-card__tag">
              {tag}
            </Text>
          ))}
        </View>
      )}
      {source.warnings.map((warning) => (
        <Text key={warning.code} className="source-card__warning" data-warning={warning.code}>
          {warningText(warning)}
        </Text>
      ))}
      {asOfficer && source.awaitingDecision > 0 && (
        <Text className="source-card__awaiting" data-awaiting={source.awaitingDecision}>
          {zh.workload.awaitingDecision(source.awaitingDecision)}
        </Text>
      )}
      {asOfficer && source.decisionDue && (
        <Text
          className={`source-card__awaiting${source.decisionDue.overdue ? ' source-card__awaiting--overdue' : ''}`}
          data-decision-overdue={source.decisionDue.overdue}
        >
          {zh.workload.decisionDue(formatDateTime(source.decisionDue.at), source.decisionDue.overdue)}
        </Text>
      )}
      <View className="source-card__meta">
        <Text>{`${zh.credit.scoreLabel} ${source.score}`}</Text>
        <Text>{`${zh.sources.openRectifications} ${zh.sources.openRectificationsValue(source.openRectifications)}`}</Text>
        <Text>{source.lastInspectionAt ? `${zh.sources.lastInspection} ${formatDay(source.lastInspectionAt)}` : zh.sources.neverInspected}</Text>
      </View>
    </Tappable>
  );
}
