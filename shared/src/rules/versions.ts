/**
 * Versioned rule tables (rules/*.json): versions are only ever added, the last is current, and
 * whatever was computed under an older one names it and can be recomputed with it.
 *
 * Tables are read through a function (`versions`), and module-level uses are declared
 * `/* @__PURE__ *\/`: esbuild keeps any top-level read of an imported JSON file, so a bundle that
 * never uses the rules would carry the whole table; read through a pure call, it drops both.
 */
export function newest<T>(versions: () => readonly T[]): T {
  const all = versions();
  return all[all.length - 1];
}

export interface VersionedRules<T extends { version: string }> {
  current(): T;
  /** The version by its identifier; throws for an unknown one (a stored identifier the code no longer has is a bug). */
  get(version: string): T;
}

export function versionedRules<T extends { version: string }>(versions: () => readonly T[], what: string): VersionedRules<T> {
  return {
    current: () => newest(versions),
    get(version) {
      const found = versions().find((candidate) => candidate.version === version);
      if (!found) throw new Error(`Unknown ${what} version ${version}`);
      return found;
    },
  };
}
