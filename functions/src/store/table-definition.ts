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
  globalIndexes: [
    { indexName: 'GSI1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'GSI2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { indexName: 'GSI3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    { indexName: 'GSI4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  ],
} as const;

export type IndexName = (typeof TABLE_DEFINITION.globalIndexes)[number]['indexName'];
