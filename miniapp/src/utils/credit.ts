/**
 * How a source's environmental credit reads on screen: the level badge, one line per point
 * gained or lost, and officers' early warnings. Pure, so it is unit-tested without Taro.
 */
import type { SourceSummaryT } from '@green-shield/shared/api/source-schemas';
import type { CreditLevel, CreditRules } from '@green-shield/shared/sources/credit-rules';
import { CURRENT_CREDIT_RULES, creditRules, findCreditRules } from '@green-shield/shared/sources/credit-rules';
import { levelBand, nextLevel } from '@green-shield/shared/sources/level-guidance';
import type { CreditScore, ExplanationLine, Warning } from '@green-shield/shared/sources/scoring';
import { zh } from '../i18n/zh-CN';
import { formatDay } from './format';

export interface LevelBadgeView {
  level: CreditLevel;
  /** 环保诚信 / 环保良好 / 环保警示 / 环保不良 (环发〔2013〕150号). */
  label: string;
  /** The badge's colour class: green, blue, yellow or red, as the levels are named. */
  className: string;
}

export function creditLevelBadge(level: CreditLevel): LevelBadgeView {
  return { level, label: zh.credit.levels[level], className: `credit-level credit-level--${level}` };
}

export interface ExplanationLineView {
  code: ExplanationLine['code'];
  /** `+2`, `−15`, or empty for a level rule (an incident moves the level, not the score). */
  points: string;
  tone: 'gain' | 'loss' | 'level';
  sentence: string;
  day: string;
}

export function explanationLineView(line: Pick<ExplanationLine, 'code' | 'points' | 'at' | 'detail'>): ExplanationLineView {
  return {
    code: line.code,
    points: zh.credit.points(line.points),
    tone: line.points > 0 ? 'gain' : line.points < 0 ? 'loss' : 'level',
    sentence: zh.credit.explanation[line.code](line.detail),
    day: formatDay(line.at),
  };
}

/** What tells lines apart: the fact, the rule it met and the item (one inspection fails several items). */
export function explanationLineKey(line: { code: string; ref: { kind: string; id: string }; detail: string }): string {
  return `${line.ref.kind}:${line.ref.id}:${line.code}:${line.detail}`;
}

/** The warning in words; the day windows come from the credit rules the server scores with. */
export function warningText(warning: Warning): string {
  const { complaintsWithinDays, scoreDropWithinDays } = CURRENT_CREDIT_RULES.warnings;
  const days = warning.code === 'score_drop' ? scoreDropWithinDays : complaintsWithinDays;
  return zh.credit.warning[warning.code](warning.value, days);
}

/** Why a listed source has its level, in words (the bands of the current rules, as lists are scored). */
export function levelBasisText(source: Pick<SourceSummaryT, 'level' | 'levelBasis'>): string {
  const label = zh.credit.levels[source.level];
  const basis = source.levelBasis;
  if (basis.by === 'major_incident') return zh.levelBasis.major_incident(label);
  if (basis.by === 'ordinary_incidents') return zh.levelBasis.ordinary_incidents(basis.count, zh.credit.levels[basis.levelByScore]);
  const band = levelBand(source.level, CURRENT_CREDIT_RULES);
  return zh.levelBasis.score(label, band.min, band.max);
}

/** What leads to the next level, in words, under the rules version the score was computed with. */
export function nextLevelText(credit: Parameters<typeof nextLevel>[0] & Pick<CreditScore, 'rulesVersion'>): string {
  const next = nextLevel(credit, creditRules(credit.rulesVersion));
  if (next.kind === 'top') return zh.operator.nextLevelTop;
  if (next.kind === 'points') return zh.operator.nextLevelPoints(next.points, zh.credit.levels[next.level]);
  return zh.operator.nextLevelHeld(formatDay(next.until));
}

/** What each viewer acts on first: the operator on open items, the officer on evidence awaiting review. */
const WORK_ORDER = {
  operator: { open: 0, submitted: 1, closed: 2 },
  officer: { submitted: 0, open: 1, closed: 2 },
} as const;

type RectificationStatus = keyof (typeof WORK_ORDER)['operator'];

/** Rectifications in the order the viewer works through them, nearest deadline first within a status. */
export function rectificationsInWorkOrder<T extends { status: RectificationStatus; deadline: string }>(
  rectifications: readonly T[],
  viewer: keyof typeof WORK_ORDER,
): T[] {
  const order = WORK_ORDER[viewer];
  return [...rectifications].sort((a, b) => order[a.status] - order[b.status] || a.deadline.localeCompare(b.deadline));
}

/** 「评分规则：静安区环保信用评分规则（2026 年版）」 for the rules a score names, or undefined when this app's copy of the table does not hold them. */
export function creditRulesLine(rulesVersion: string): string | undefined {
  const rules = findCreditRules(rulesVersion);
  return rules && zh.credit.rules(rules.title);
}

export interface LevelGuideRow {
  level: CreditLevel;
  label: string;
  /** The scores that give the level: 「95 分及以上」, 「80–94 分」, 「低于 60 分」. */
  range: string;
  meaning: string;
}

/**
 * What each level means and which scores give it, and how points are gained and lost, in plain
 * words, all read from the rules the score was computed under (the table the scoring uses).
 */
export function levelGuide(rules: CreditRules): { rows: LevelGuideRow[]; basics: string; rules: string[] } {
  const rows = rules.levels.map((band, index) => ({
    level: band.level,
    label: zh.credit.levels[band.level],
    range: zh.credit.levelRange(band.minScore, index === 0 ? undefined : rules.levels[index - 1].minScore),
    meaning: zh.credit.levelMeaning[band.level],
  }));
  return {
    rows,
    basics: zh.credit.levelGuideBasics(rules.baseScore, rules.lookbackDays),
    rules: zh.credit.levelGuideRules({
      rectifiedFraction: rules.failedItemRectifiedFraction,
      overdue: rules.overdueRectificationPoints,
      verified: rules.verifiedComplaintPoints,
      penalty: rules.penaltyPoints,
      bonus: rules.cleanInspectionBonus,
    }),
  };
}
