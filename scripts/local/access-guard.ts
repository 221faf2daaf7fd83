/**
 * The local system's stand-in for the functions' IAM policies on the table and the upload bucket:
 * each function gets a table client and an object store that refuse, as AWS would with
 * AccessDenied, whatever its grants do not cover (`grants.table`: functions/src/store/table-access.ts;
 * `grants.uploads`: functions/src/lib/object-access.ts). Every refusal is also kept, so the test
 * harness fails on one even where the function's own error handling hid it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FUNCTIONS, type FunctionSpec } from '../../functions/src/lambdas';
import { allowsObject, type ObjectAccess } from '../../functions/src/lib/object-access';
import type { ObjectStore } from '../../functions/src/lib/object-store';
import { accessesOf, describeRefusal, refusedAccesses } from '../../functions/src/store/table-access';

export class AccessDenied extends Error {
  override name = 'AccessDeniedException';
}

export interface AccessGuard {
  /** `db` as function `name` may use it. */
  tableFor(name: string, db: DynamoDBDocumentClient): DynamoDBDocumentClient;
  /** `objects` as function `name` may use it. */
  objectsFor(name: string, objects: ObjectStore): ObjectStore;
  /** Every refusal so far, one line each. */
  readonly refusals: string[];
}

function specNamed(name: string): FunctionSpec {
  const spec = FUNCTIONS.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`No function ${name} in FUNCTIONS`);
  return spec;
}

export function accessGuard(): AccessGuard {
  const refusals: string[] = [];
  const refuse = (lines: string[]) => {
    refusals.push(...lines);
    return new AccessDenied(lines.join('; '));
  };
  return {
    refusals,
    tableFor(name, db) {
      const { grants } = specNamed(name);
      const send = (command: Parameters<DynamoDBDocumentClient['send']>[0], ...rest: unknown[]) => {
        const refused = refusedAccesses(grants.table, accessesOf(command)).map((access) => describeRefusal(name, access));
        if (refused.length > 0) return Promise.reject(refuse(refused));
        return (db.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      };
      return new Proxy(db, { get: (target, property, receiver) => (property === 'send' ? send : Reflect.get(target, property, receiver)) });
    },
    objectsFor(name, objects) {
      const { grants } = specNamed(name);
      const check = (...accesses: ObjectAccess[]) => {
        const refused = accesses
          .filter((access) => !allowsObject(grants.uploads, access))
          .map(({ kind, key }) => `${name} may not ${kind} object ${key}: no prefix of its grants.uploads (functions/src/lambdas.ts) covers it`);
        if (refused.length > 0) throw refuse(refused);
      };
      /** The store's method, run once the accesses it makes are allowed. */
      const guarded =
        <A extends unknown[], R>(method: (...args: A) => Promise<R>, accesses: (...args: A) => ObjectAccess[]) =>
        async (...args: A): Promise<R> => {
          check(...accesses(...args));
          return method.apply(objects, args);
        };
      return {
        presignUpload: guarded(objects.presignUpload, (key) => [{ kind: 'write', key }]),
        presignDownload: guarded(objects.presignDownload, (key) => [{ kind: 'read', key }]),
        inspect: guarded(objects.inspect, (key) => [{ kind: 'read', key }]),
        open: guarded(objects.open, (key) => [{ kind: 'read', key }]),
        put: guarded(objects.put, (key) => [{ kind: 'write', key }]),
        copy: guarded(objects.copy, (fromKey, toKey) => [
          { kind: 'read', key: fromKey },
          { kind: 'write', key: toKey },
        ]),
        delete: guarded(objects.delete, (keys) => keys.map((key) => ({ kind: 'delete' as const, key }))),
      };
    },
  };
}
