/**
 * The single DynamoDB table, declared once: the CDK app deploys it, the local start script and the
 * integration tests create it on DynamoDB Local from this same definition.
 * Access patterns and key design: docs/architecture.md.
 */
export const TABLE_DEFINITION = {
  logicalName: 'GreenShield',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; expired items are also filtered on read (TTL deletion is lazy). */
  ttlAttribute: 'expiresAt',
  stream: 'NEW_AND_OLD_IMAGES',
  /**
   * Each index holds the keys (the table's and its own) and only the attributes its reads use
   * without the item: what its filters test and what the reads that name their `attributes` return
   * (docs/architecture.md, "Index projections"; store/queries.ts refuses a read or filter of any
   * other). Every other read of an index gets the items by key afterwards (`itemsBehind`), so an
   * item is not copied whole into each index.
   */
  globalIndexes: [
    // Tag, warning and decision memberships: lists of source ids, read as they are. Sources by street:
    // what the score rebuild reads of every source (id, rescoreAt, credit's rulesVersion). Joint
    // inspection requests: the open-only filter (status).
    { indexName: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projects: ['sourceId', 'id', 'rescoreAt', 'credit', 'status'] },
    // Memberships by level and kind; the district's joint inspection requests, open-only (status).
    { indexName: 'GSI2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projects: ['sourceId', 'status'] },
    // Names: match candidates (id, name, address, location), and the filters of the district-wide name
    // search (level in `credit`, kind, tags), of the auto-close job (`feedbackBy`) and of the bureau's
    // owed joint inspection requests of one street (`streetCode`).
    {
      indexName: 'GSI3',
      partitionKey: 'gsi3pk',
      sortKey: 'gsi3sk',
      projects: ['id', 'name', 'address', 'location', 'credit', 'kind', 'tags', 'systemTags', 'feedbackBy', 'streetCode'],
    },
    // Geohash cells: match candidates. A street's open joint inspection requests: their statuses.
    { indexName: 'GSI4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projects: ['id', 'name', 'address', 'location', 'status'] },
  ],
} as const;

export type IndexName = (typeof TABLE_DEFINITION.globalIndexes)[number]['indexName'];
