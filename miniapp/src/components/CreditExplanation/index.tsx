import { Text, View } from '@tarojs/components';
import type { OperatorSourceViewT } from '@green-shield/shared/api/source-schemas';
import { zh } from '../../i18n/zh-CN';
import { creditRulesLine, explanationLineKey, explanationLineView } from '../../utils/credit';
import { Section } from '../Section';
import './index.scss';

/**
 * Why the score is what it is: one line per point gained or lost (newest first, as the API sends
 * them), and the rules it was computed under (by title). Ids: `source-explanation`,
 * `explanation-<n>` (`data-code`), `source-rules`.
 */
export function CreditExplanation({ credit }: { credit: OperatorSourceViewT['credit'] }) {
  const rulesLine = creditRulesLine(credit.rulesVersion);
  const lines = credit.explanation.map((line) => ({ key: explanationLineKey(line), ...explanationLineView(line) }));
  return (
    <Section title={zh.credit.explanationTitle}>
      <View className="credit-explanation" id="source-explanation">
        {lines.length === 0 && <Text className="credit-explanation__empty">{zh.credit.noExplanation}</Text>}
        {lines.map((line, index) => (
          <View key={line.key} className="credit-explanation__line" id={`explanation-${index}`} data-code={line.code}>
            <Text className={`credit-explanation__points credit-explanation__points--${line.tone}`}>{line.points || zh.credit.levelRule}</Text>
            <View className="credit-explanation__body">
              <Text className="credit-explanation__sentence">{line.sentence}</Text>
              <Text className="credit-explanation__day">{line.day}</Text>
            </View>
          </View>
        ))}
        {credit.level !== credit.levelByScore && <Text className="credit-explanation__note">{zh.credit.manualLevel}</Text>}
      </View>
      <View className="credit-explanation__rules" id="source-rules">
        {rulesLine && <Text>{rulesLine}</Text>}
        <Text>{zh.credit.rulesSource(credit.rulesSource)}</Text>
      </View>
    </Section>
  );
}
