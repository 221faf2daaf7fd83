/**
 * Long work in small synchronous steps (parsing a file row by row) shares the event loop: between
 * steps it gives way to I/O and timers once it has held the loop for a slice, so a request or a
 * heartbeat in the same process waits at most about one slice. The steps of an async iteration alone
 * do not give way: resolved promises run before any I/O.
 */
import { setImmediate } from 'node:timers/promises';

/** How long work may hold the event loop before it gives way: well under a request's patience. */
export const DEFAULT_SLICE_MS = 10;

/** A pause to await after each step: it gives way to the event loop once a slice has passed. */
export function timeSlices(sliceMs = DEFAULT_SLICE_MS): () => Promise<void> {
  let sliceStarted = performance.now();
  return async () => {
    if (performance.now() - sliceStarted < sliceMs) return;
    await setImmediate();
    sliceStarted = performance.now();
  };
}
