/**
 * What a credit level rests on and what would raise it, read from a score's own explanation and the
 * rules version it was computed under (`credit-rules.ts`). Pure: the mini-app shows both, so a
 * business learns why its level is what it is and how many points lead to the next one.
 *
 * The rule (环发〔2013〕150号, as `scoring.ts` applies it): the score gives a level by the cut-offs;
 * then a major environmental incident in the look-back makes the level red whatever the score, and
 * ordinary incidents in the look-back lower the level by one in all (by one each under the first
 * rules version; never below red — `levelsDroppedByOrdinaryIncidents`). Penalties and
 * failed items cost points only; they never set a level by themselves.
 */
import { CREDIT_LEVELS, levelsDroppedByOrdinaryIncidents, type CreditLevel, type CreditRules } from './credit-rules';
import type { CreditScore, ExplanationLine } from './scoring';

/** A score as stored or as an API view carries it: the incidents are lines of its explanation. */
type Scored = Pick<CreditScore, 'score' | 'level' | 'levelByScore'> & { explanation: ReadonlyArray<Pick<ExplanationLine, 'code' | 'at'>> };

/** Why a source has its level. */
export type LevelBasis =
  /** The score's band. */
  | { by: 'score' }
  /** A major incident in the look-back: red whatever the score. */
  | { by: 'major_incident' }
  /** Ordinary incidents lowered the score's level by `count` levels. */
  | { by: 'ordinary_incidents'; count: number; levelByScore: CreditLevel };

const DAY_MS = 86_400_000;

function incidents(credit: Scored) {
  return {
    major: credit.explanation.filter((line) => line.code === 'incident_major'),
    ordinary: credit.explanation.filter((line) => line.code === 'incident_ordinary'),
  };
}

export function levelBasis(credit: Scored): LevelBasis {
  const { major, ordinary } = incidents(credit);
  if (major.length > 0 && credit.level === 'red') return { by: 'major_incident' };
  if (credit.level !== credit.levelByScore) return { by: 'ordinary_incidents', count: ordinary.length, levelByScore: credit.levelByScore };
  return { by: 'score' };
}

/** The score band of a level under these rules: from `min` up to `max` points. */
export function levelBand(level: CreditLevel, rules: CreditRules): { min: number; max: number } {
  const index = rules.levels.findIndex((band) => band.level === level);
  const min = rules.levels[index].minScore;
  const max = index === 0 ? rules.baseScore : rules.levels[index - 1].minScore - 1;
  return { min, max };
}

/** What leads to the next level up. */
export type NextLevel =
  /** Already the best level. */
  | { kind: 'top' }
  /** `points` more lead to `level`. */
  | { kind: 'points'; level: CreditLevel; points: number }
  /** No score can raise the level while incidents hold it down; the first of them leaves the look-back at `until`. */
  | { kind: 'held_by_incidents'; until: string };

const better = (a: CreditLevel, b: CreditLevel) => CREDIT_LEVELS.indexOf(a) < CREDIT_LEVELS.indexOf(b);

export function nextLevel(credit: Scored, rules: CreditRules): NextLevel {
  if (credit.level === CREDIT_LEVELS[0]) return { kind: 'top' };
  const { major, ordinary } = incidents(credit);
  // The levels a higher score would give, each lowered as the incidents lower it now; the lowest band that raises the level.
  const drops = levelsDroppedByOrdinaryIncidents(ordinary.length, rules);
  const raised = [...rules.levels]
    .reverse()
    .filter((band) => band.minScore > credit.score && band.minScore <= rules.baseScore)
    .find((band) => major.length === 0 && better(CREDIT_LEVELS[Math.min(CREDIT_LEVELS.indexOf(band.level) + drops, CREDIT_LEVELS.length - 1)], credit.level));
  if (raised) {
    const level = CREDIT_LEVELS[Math.min(CREDIT_LEVELS.indexOf(raised.level) + drops, CREDIT_LEVELS.length - 1)];
    return { kind: 'points', level, points: raised.minScore - credit.score };
  }
  // Held down: by a major incident until the last one leaves the look-back; by ordinary ones until the
  // last leaves when they lower one level in all, until the first leaves when each lowers one.
  const leaves = (lines: ReadonlyArray<Pick<ExplanationLine, 'at'>>) => lines.map((line) => Date.parse(line.at) + rules.lookbackDays * DAY_MS);
  const until =
    major.length > 0
      ? Math.max(...leaves(major))
      : rules.incident.ordinary === 'drop-one-level'
        ? Math.max(...leaves(ordinary))
        : Math.min(...leaves(ordinary));
  return { kind: 'held_by_incidents', until: new Date(until).toISOString() };
}
