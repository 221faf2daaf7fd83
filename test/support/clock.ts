import type { Clock } from '../../functions/src/lib/clock';

/** A clock tests can move forward. */
export class MutableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceDays(days: number): void {
    this.advanceMs(days * 24 * 60 * 60 * 1000);
  }
  advanceMs(ms: number): void {
    this.offsetMs += ms;
  }
  /** Moves to one minute past the next full hour, so hourly windows start afresh. */
  advanceToNextHour(): void {
    const hour = 60 * 60 * 1000;
    const now = this.now().getTime();
    this.offsetMs += Math.floor(now / hour) * hour + hour + 60_000 - now;
  }
}
