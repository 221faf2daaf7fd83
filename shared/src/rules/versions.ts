/**
 * The newest version of a versioned rule table (its last). Declared as
 * `export const CURRENT_X = /* @__PURE__ *\/ newest(versions)` with `versions` a function reading the
 * table: esbuild keeps any top-level read of an imported JSON file, so a bundle that never uses the
 * rules would carry the whole table; read through a pure call, it drops both.
 */
export function newest<T>(versions: () => readonly T[]): T {
  const all = versions();
  return all[all.length - 1];
}
