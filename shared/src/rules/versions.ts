/**
 * A versioned rule table (rules/*.json): versions are only ever added, the last is current, and
 * whatever was computed under an older one names it and can be recomputed with it.
 */
export interface VersionedRules<T extends { version: string }> {
  current: T;
  /** The version by its identifier; throws for an unknown one (a stored identifier the code no longer has is a bug). */
  get(version: string): T;
}

export function versionedRules<T extends { version: string }>(versions: readonly T[], what: string): VersionedRules<T> {
  if (versions.length === 0) throw new Error(`No ${what} version`);
  return {
    current: versions[versions.length - 1],
    get(version) {
      const found = versions.find((candidate) => candidate.version === version);
      if (!found) throw new Error(`Unknown ${what} version ${version}`);
      return found;
    },
  };
}
