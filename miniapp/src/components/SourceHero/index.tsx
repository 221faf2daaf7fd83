import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { CreditLevel } from '@green-shield/shared/sources/credit-rules';
import type { SourceKind } from '@green-shield/shared/sources/kinds';
import { zh } from '../../i18n/zh-CN';
import { LevelBadge } from '../LevelBadge';
import './index.scss';

/**
 * The head of every source page (public profile, operator, officer): kind and street, name,
 * level badge and score. Ids: `source-kind`, `source-name`, `source-level` (`data-level`), `source-score`.
 */
export function SourceHero({
  kind,
  name,
  level,
  score,
  subtitle,
  children,
}: {
  kind: SourceKind;
  name: string;
  level: CreditLevel;
  score: number;
  /** Shown after the kind, e.g. the street's name. */
  subtitle?: string;
  children?: ReactNode;
}) {
  return (
    <View className={`source-hero source-hero--${level}`}>
      <Text className="source-hero__kind" id="source-kind">
        {subtitle ? `${zh.sources.kinds[kind]} · ${subtitle}` : zh.sources.kinds[kind]}
      </Text>
      <Text className="source-hero__name" id="source-name">
        {name}
      </Text>
      <View className="source-hero__credit">
        <View>
          <Text className="source-hero__label">{zh.credit.levelLabel}</Text>
          <LevelBadge level={level} id="source-level" large />
        </View>
        <View className="source-hero__score-box">
          <Text className="source-hero__label">{zh.credit.scoreLabel}</Text>
          <Text className="source-hero__score" id="source-score">
            {score}
          </Text>
        </View>
      </View>
      {children}
    </View>
  );
}
