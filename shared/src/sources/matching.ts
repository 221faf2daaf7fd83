/**
 * Proposes which registered sources a complaint is about: nearness to where it was reported, and
 * how much of a source's name appears in its address or description. Officers confirm; the system
 * only ranks.
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

/** Beyond this a source is not proposed, however similar its name. */
export const MATCH_RADIUS_METRES = 300;

function characterPairs(text: string): Set<string> {
  const compact = text.replace(/[\s\p{P}]/gu, '');
  const pairs = new Set<string>();
  for (let i = 0; i < compact.length - 1; i++) pairs.add(compact.slice(i, i + 2));
  return pairs;
}

export function nameSimilarity(name: string, text: string): number {
  const namePairs = characterPairs(name);
  if (namePairs.size === 0) return 0;
  const textPairs = characterPairs(text);
  let shared = 0;
  for (const pair of namePairs) if (textPairs.has(pair)) shared++;
  return shared / namePairs.size;
}

export function proposeMatches(
  complaint: { location: { lat: number; lng: number }; address: string; description: string },
  candidates: readonly MatchCandidate[],
  limit = 5,
): MatchProposal[] {
  const text = `${complaint.address} ${complaint.description}`;
  return candidates
    .map((candidate) => {
      const distance = distanceMetres(complaint.location, candidate.location);
      const similarity = Math.max(nameSimilarity(candidate.name, text), nameSimilarity(candidate.address, complaint.address) * 0.5);
      // Nearness counts most; a name mentioned in the text can outweigh 150 m.
      const score = 1 - distance / MATCH_RADIUS_METRES + similarity;
      return {
        sourceId: candidate.id,
        distanceMetres: Math.round(distance),
        nameSimilarity: Math.round(similarity * 100) / 100,
        score: Math.round(score * 1000) / 1000,
      };
    })
    .filter((proposal) => proposal.distanceMetres <= MATCH_RADIUS_METRES)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
