import { Text, View } from '@tarojs/components';
import type { CreditLevel } from '@green-shield/shared/sources/credit-rules';
import { findCreditRules } from '@green-shield/shared/sources/credit-rules';
import { zh } from '../../i18n/zh-CN';
import { levelGuide } from '../../utils/credit';
import { LevelBadge } from '../LevelBadge';
import { Section } from '../Section';
import './index.scss';

/**
 * 信用等级怎么评: each level with its scores and what it means, the business's own marked, then how
 * points are gained and lost, from the rules its score was computed under. Nothing when this app's
 * copy of the rule table does not hold that version (it would explain other rules). Ids:
 * `level-guide`, `level-guide-<level>` (`data-current` on the business's own).
 */
export function CreditLevelGuide({ rulesVersion, current }: { rulesVersion: string; current: CreditLevel }) {
  const rules = findCreditRules(rulesVersion);
  if (!rules) return null;
  const guide = levelGuide(rules);
  return (
    <Section title={zh.credit.levelGuideTitle} id="level-guide">
      {guide.rows.map((row) => (
        <View key={row.level} className="level-guide__row" id={`level-guide-${row.level}`} data-current={row.level === current}>
          <View className="level-guide__head">
            <LevelBadge level={row.level} />
            <Text className="level-guide__range">{row.range}</Text>
            {row.level === current && <Text className="level-guide__current">{zh.credit.thisLevel}</Text>}
          </View>
          <Text className="level-guide__meaning">{row.meaning}</Text>
        </View>
      ))}
      <Text className="level-guide__basics">{guide.basics}</Text>
      {guide.rules.map((rule) => (
        <Text key={rule} className="level-guide__rule">
          {`· ${rule}`}
        </Text>
      ))}
      <Text className="level-guide__title">{zh.credit.rules(rules.title)}</Text>
    </Section>
  );
}
