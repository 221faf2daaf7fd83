/**
 * Bundled in place of `@smithy/core/event-streams` (functions/src/bundling.ts): the SDK loads it
 * only to read or write an event-stream operation, and DynamoDB, the one SDK client the functions
 * bundle, has none. Fifteen kilobytes of every bundle that no request ever ran.
 */
const notBundled = (): never => {
  throw new Error('SDK event streams are not bundled with the functions (functions/src/lib/no-event-streams.ts)');
};

export class EventStreamSerde {
  constructor() {
    notBundled();
  }
}

export const eventStreamSerdeProvider = notBundled;
