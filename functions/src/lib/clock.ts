/** Time is injected so tests can move it (e.g. past the 7-day feedback window). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
