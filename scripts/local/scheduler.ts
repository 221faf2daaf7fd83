/**
 * Runs scheduled functions on the periods declared in functions/src/lambdas.ts, as EventBridge does.
 */
import type { Logger } from '../../functions/src/lib/logger';

export interface ScheduledJob {
  name: string;
  everyMinutes: number;
  run: () => Promise<unknown>;
}

export function startScheduler(jobs: ScheduledJob[], logger: Logger): { stop(): void } {
  const timers = jobs.map((job) =>
    setInterval(() => {
      job.run().catch((error) => logger.error('scheduled job failed', { job: job.name, error }));
    }, job.everyMinutes * 60_000),
  );
  return { stop: () => timers.forEach(clearInterval) };
}
