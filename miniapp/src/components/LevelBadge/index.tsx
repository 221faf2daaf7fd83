import { Text } from '@tarojs/components';
import type { CreditLevel } from '@green-shield/shared/sources/credit-rules';
import { creditLevelBadge } from '../../utils/credit';
import { optionalId } from '../../utils/optional-id';
import './index.scss';

/** The credit level as a coloured badge (green 诚信, blue 良好, yellow 警示, red 不良); `data-level` for tests. */
export function LevelBadge({ level, id, large = false }: { level: CreditLevel; id?: string; large?: boolean }) {
  const badge = creditLevelBadge(level);
  return (
    <Text {...optionalId(id)} className={`${badge.className}${large ? ' credit-level--large' : ''}`} data-level={level}>
      {badge.label}
    </Text>
  );
}
