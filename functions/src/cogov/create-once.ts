/**
 * Creating something once per Idempotency-Key (store/idempotency.ts): a retry answers with what the
 * first attempt created, and a concurrent retry that loses the write answers with the winner's.
 */
import type { IdempotencyStore, IdempotencyTicket } from '../store/idempotency';
import type { TransactItems } from '../store/operations';

/**
 * `create` writes with the idempotency record it is handed (in its own transaction) and answers
 * with what it created, or `undefined` when the key was taken meanwhile (after undoing what it did
 * outside the table, such as copied photos).
 */
export async function createOnce<T>(
  idempotency: IdempotencyStore,
  ticket: IdempotencyTicket,
  existing: (id: string) => Promise<T>,
  create: (recordFor: (id: string) => TransactItems[number]) => Promise<T | undefined>,
): Promise<T> {
  const previous = await idempotency.previousResult(ticket);
  if (previous) return existing(previous);
  const created = await create((id) => idempotency.recordItem(ticket, id));
  if (created !== undefined) return created;
  const winner = await idempotency.previousResult(ticket);
  if (!winner) throw new Error('Idempotency record vanished after a conflicting write');
  return existing(winner);
}
