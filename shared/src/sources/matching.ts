/**
 * Proposes which registered sources a complaint is about: nearness to where it was reported, and
 * how much of a source's name appears in its address or description. Officers confirm; the system
 * only ranks. Also what the registry reads to find the candidates: the nearest sources (however
 * dense the area) and the sources the complaint's text names.
 */
import { distanceMetres } from '../geo/geohash';

export interface MatchCandidate {
  id: string;
  name: string;
  address: string;
  location: { lat: number; lng: number };
}

export interface MatchProposal {
  sourceId: string;
  distanceMetres: number;
  /** Share of the name's character pairs found in the complaint's text, 0–1. */
  nameSimilarity: number;
  score: number;
}

/** Beyond this a source is not proposed, unless the complaint names it. */
export const MATCH_RADIUS_METRES = 300;
/** A source the complaint names (most of its name's character pairs in the text) is proposed this far away. */
export const NAMED_MATCH_RADIUS_METRES = 600;
export const NAMED_SIMILARITY = 0.8;
/** Candidates read around a complaint: at least this many of the nearest, wherever they are. */
export const NEAREST_CANDIDATES = 20;
/** Name prefixes looked up for one complaint at most (from the start of its address and description). */
export const MAX_NAME_LOOKUPS = 60;
/** How far a name lookup follows the text when a two-character prefix starts too many names. */
export const LONGEST_NAME_LOOKUP = 12;

/** Names sort and match by this form: full-width characters folded (NFKC), no spaces, letters lower-case. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** A branch named in brackets at the end of a name, as in 老弄堂面馆（常德路店）, once full-width brackets are folded. */
const BRANCH_SUFFIX = /[([【][^()[\]【】]*[)\]】]\s*$/u;

/** A name without its branch suffix: the name residents actually say. */
export function nameWithoutBranch(name: string): string {
  const folded = name.normalize('NFKC').trim();
  return folded.replace(BRANCH_SUFFIX, '').trim() || folded;
}

function characterPairs(text: string): Set<string> {
  const compact = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}]/gu, '');
  const pairs = new Set<string>();
  for (let i = 0; i < compact.length - 1; i++) pairs.add(compact.slice(i, i + 2));
  return pairs;
}

/** Share of the name's character pairs found in the text, with or without the name's branch suffix (the better of the two). */
export function nameSimilarity(name: string, text: string): number {
  const textPairs = characterPairs(text);
  return Math.max(pairsFound(characterPairs(name), textPairs), pairsFound(characterPairs(nameWithoutBranch(name)), textPairs));
}

function pairsFound(namePairs: ReadonlySet<string>, textPairs: ReadonlySet<string>): number {
  if (namePairs.size === 0) return 0;
  let shared = 0;
  for (const pair of namePairs) if (textPairs.has(pair)) shared++;
  return shared / namePairs.size;
}

/** The text a complaint names sources in. */
export function complaintText(complaint: { address: string; description: string }): string {
  return `${complaint.address} ${complaint.description}`;
}

/**
 * Where in the complaint's text a source's name may start: each position whose two characters (a
 * letter, then anything but punctuation) are a name prefix worth looking up, with up to
 * `LONGEST_NAME_LOOKUP` characters of the text that follows, to narrow the lookup when the two
 * characters start too many names. Distinct two-character prefixes, at most `MAX_NAME_LOOKUPS`.
 */
export function nameLookups(text: string): string[] {
  const characters = [...nameKey(text)];
  const lookups: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < characters.length - 1 && seen.size < MAX_NAME_LOOKUPS; i++) {
    if (!/\p{L}/u.test(characters[i]) || /[\p{P}\p{S}]/u.test(characters[i + 1])) continue;
    const lookup = characters.slice(i, i + LONGEST_NAME_LOOKUP).join('');
    seen.add(lookup.slice(0, 2));
    if (!lookups.includes(lookup)) lookups.push(lookup);
  }
  return lookups;
}

/**
 * Whether the candidates read so far hold the nearest ones: every place within `coveredMetres`
 * of the point has been read, and either that already holds `NEAREST_CANDIDATES` of them or it
 * reaches past the match radius (nothing further could be proposed for nearness).
 */
export function nearestAreRead(point: { lat: number; lng: number }, candidates: readonly MatchCandidate[], coveredMetres: number): boolean {
  if (coveredMetres >= MATCH_RADIUS_METRES) return true;
  return candidates.filter((candidate) => distanceMetres(point, candidate.location) <= coveredMetres).length >= NEAREST_CANDIDATES;
}

/**
 * The best `limit` candidates: the sources the text names first (up to `NAMED_MATCH_RADIUS_METRES`
 * away), then the rest within `MATCH_RADIUS_METRES`, each group by score (nearness, plus how much of
 * the name or address the text holds).
 */
export function proposeMatches(
  complaint: { location: { lat: number; lng: number }; address: string; description: string },
  candidates: readonly MatchCandidate[],
  limit = 5,
): MatchProposal[] {
  const text = complaintText(complaint);
  return candidates
    .flatMap((candidate) => {
      const distance = distanceMetres(complaint.location, candidate.location);
      const named = nameSimilarity(candidate.name, text) >= NAMED_SIMILARITY;
      if (distance > (named ? NAMED_MATCH_RADIUS_METRES : MATCH_RADIUS_METRES)) return [];
      const similarity = Math.max(nameSimilarity(candidate.name, text), nameSimilarity(candidate.address, complaint.address) * 0.5);
      // Nearness counts most; a name mentioned in the text can outweigh 150 m.
      const score = 1 - distance / MATCH_RADIUS_METRES + similarity;
      const proposal = {
        sourceId: candidate.id,
        distanceMetres: Math.round(distance),
        nameSimilarity: Math.round(similarity * 100) / 100,
        score: Math.round(score * 1000) / 1000,
      };
      return [{ proposal, named }];
    })
    .sort((a, b) => Number(b.named) - Number(a.named) || b.proposal.score - a.proposal.score)
    .slice(0, limit)
    .map(({ proposal }) => proposal);
}
