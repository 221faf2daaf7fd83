import type { Clock } from '../../functions/src/lib/clock';

/** A clock tests can move forward. */
export class MutableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceSeconds(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
  advanceDays(days: number): void {
    this.advanceSeconds(days * 24 * 60 * 60);
  }
  /** Moves to one minute past the start of the next fixed window of this length (windows are aligned to the epoch). */
  advanceToNextWindow(windowSeconds: number): void {
    const window = windowSeconds * 1000;
    const now = this.now().getTime();
    this.offsetMs += Math.floor(now / window) * window + window + 60_000 - now;
  }
  advanceMs(ms: number): void {
    this.offsetMs += ms;
  }
  /** Moves to one minute past the next full hour, so hourly windows start afresh. */
  advanceToNextHour(): void {
    this.advanceToNextWindow(60 * 60);
  }
}
