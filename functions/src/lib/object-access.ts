/**
 * Which objects of the upload bucket a function may touch, by key prefix
 * (shared/src/api/upload-keys.ts, OBJECT_PREFIXES). The CDK app grants exactly these prefixes
 * (infra/constructs/data-grants.ts); the local system refuses every other key the same way.
 */
import { OBJECT_PREFIXES, type ObjectPrefix } from '@green-shield/shared/api/upload-keys';

export interface ObjectGrant {
  /** Prefixes it reads (GetObject, HeadObject; presigned downloads; the source of a copy). */
  read: readonly ObjectPrefix[];
  /** Prefixes it writes (PutObject; presigned uploads; the target of a copy). */
  write?: readonly ObjectPrefix[];
  /** Prefixes it deletes from (DeleteObject, one key or many). */
  delete?: readonly ObjectPrefix[];
}

export type ObjectAccess = { kind: 'read' | 'write' | 'delete'; key: string };

/** Whether a grant allows an access: the key lies under one of the prefixes granted for that kind. */
export function allowsObject(grant: ObjectGrant | undefined, access: ObjectAccess): boolean {
  return (grant?.[access.kind] ?? []).some((prefix) => access.key.startsWith(OBJECT_PREFIXES[prefix]));
}
