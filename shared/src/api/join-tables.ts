type Joined<Tables extends readonly object[]> = Tables extends readonly [infer First, ...infer Rest extends readonly object[]] ? First & Joined<Rest> : unknown;

/** The services' tables as one; a route id two services declare is a mistake, refused here. */
export function joinTables<const Tables extends readonly object[]>(...tables: Tables): Joined<Tables> {
  const joined: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [id, entry] of Object.entries(table)) {
      if (id in joined) throw new Error(`Route ${id} is declared by two services`);
      joined[id] = entry;
    }
  }
  return joined as Joined<Tables>;
}
