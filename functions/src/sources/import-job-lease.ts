/**
 * Who may run an import job, decided from the job's state alone (pure), because the record that
 * starts a job can arrive more than once (retries, a redrive, a replayed stream):
 *
 * - a finished job (done or failed) never runs again; only an officer's restart queues it anew;
 * - a running job whose run is alive (a recent heartbeat, not let go) is left to that run;
 * - a queued job, or a running one whose run let go (it failed and awaits a retry) or went silent,
 *   is taken: the taker adds one to `attempt`, and every later write of its run is conditional on
 *   that attempt, so two runs can never both write the job;
 * - a taken job resumes after its cursor (the rows committed so far);
 * - a job whose runs keep stopping at the same cursor (each died: out of memory, killed, or failed
 *   on the same cause) is not taken again but failed, so a job can never bring its function down
 *   over and over.
 *
 * The import watchdog fails a job that stopped making progress, with a reason officers read.
 */
import { IMPORT_LIMITS } from '@green-shield/shared/api/limits';
import type { ImportFailureCode } from '@green-shield/shared/api/import-failures';
import type { ImportRowErrorT } from '@green-shield/shared/api/source-schemas';

export interface ImportJobTiming {
  /** A run writes its heartbeat this often (and with every cursor write). */
  heartbeatMs: number;
  /** A running job whose heartbeat is older than this is interrupted (its run died or hangs). */
  staleRunningMs: number;
  /** A queued job that no run took for this long is interrupted (its start record was lost). */
  staleQueuedMs: number;
}

/** The importJobs function runs at most 15 minutes; a job queued behind another waits up to that. */
export const IMPORT_JOB_TIMING: ImportJobTiming = { heartbeatMs: 30_000, staleRunningMs: 4 * 30_000, staleQueuedMs: 2 * 15 * 60_000 };

/**
 * Runs a job gets from one cursor: its record's first delivery and the stream's three retries
 * (`importJobs` in lambdas.ts), so a table outage uses them all. A run that dies with its process
 * (out of memory) is not counted by the stream's retries, which start over with the process; this
 * count is kept on the job.
 */
export const RUNS_WITHOUT_PROGRESS = 4;

/** Rows committed so far (valid rows, in file order) and what committing them did. */
export interface ImportCursor {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows the registry refused while committing (the file's own errors are found again on every run). */
  rejected: number;
  errors: ImportRowErrorT[];
}

export const EMPTY_CURSOR: ImportCursor = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };

/** The part of a job the lease rules read. */
export interface JobLeaseState {
  status: 'queued' | 'running' | 'done' | 'failed';
  createdAt: string;
  queuedAt?: string;
  startedAt?: string;
  heartbeatAt?: string;
  /** The run let go of the job (it failed and the record will be retried). */
  released?: boolean;
  attempt?: number;
  cursor?: ImportCursor;
  /** How many runs were taken at the cursor of `rows` committed rows (a run that moves the cursor starts a new count). */
  runsAtCursor?: { rows: number; runs: number };
}

/** Why a job failed, in Chinese for officers and as a code for programs. */
export interface JobFailure {
  failure: string;
  failureCode: ImportFailureCode;
}

export type DeliveryDecision = { take: true } | { take: false; why: 'finished' | 'held' } | { take: false; why: 'exhausted'; failure: JobFailure };

const since = (now: Date, at: string | undefined) => now.getTime() - Date.parse(at ?? '1970-01-01T00:00:00Z');

/** What a run does with a job whose start record reached it. */
export function onDelivery(job: JobLeaseState, now: Date, timing: ImportJobTiming = IMPORT_JOB_TIMING): DeliveryDecision {
  if (job.status === 'done' || job.status === 'failed') return { take: false, why: 'finished' };
  if (job.status === 'running' && !job.released && since(now, job.heartbeatAt) < timing.staleRunningMs) return { take: false, why: 'held' };
  const { runs } = runsAtCursor(job);
  if (runs >= RUNS_WITHOUT_PROGRESS) {
    const committed = committedRows(job);
    return {
      take: false,
      why: 'exhausted',
      failure: {
        failureCode: 'RUNS_EXHAUSTED',
        failure: `导入失败：已运行 ${runs} 次，每次都在${committed > 0 ? `提交 ${committed} 行后的` : '开始后的'}同一处停止（处理程序出错或内存不足）。请检查文件，或联系管理员后重新开始。`,
      },
    };
  }
  return { take: true };
}

const committedRows = (job: JobLeaseState) => job.cursor?.rows ?? 0;

/** The runs taken at the job's cursor so far (none when the last run moved it). */
export function runsAtCursor(job: JobLeaseState): { rows: number; runs: number } {
  const rows = committedRows(job);
  return { rows, runs: job.runsAtCursor?.rows === rows ? job.runsAtCursor.runs : 0 };
}

/** Why a job counts as interrupted (in Chinese, shown to officers), or undefined while it is fine. */
export function interruption(job: JobLeaseState, now: Date, timing: ImportJobTiming = IMPORT_JOB_TIMING): JobFailure | undefined {
  const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));
  const interrupted = (failure: string): JobFailure => ({ failure, failureCode: 'INTERRUPTED' });
  if (job.status === 'queued' && since(now, job.queuedAt ?? job.createdAt) > timing.staleQueuedMs)
    return interrupted(`导入中断：排队超过 ${minutes(timing.staleQueuedMs)} 分钟仍未开始。可以重新开始。`);
  if (job.status === 'running' && since(now, job.heartbeatAt ?? job.startedAt) > timing.staleRunningMs) {
    const committed = committedRows(job);
    return interrupted(
      `导入中断：超过 ${minutes(timing.staleRunningMs)} 分钟没有进展（处理程序已停止）。${committed > 0 ? `已提交 ${committed} 行；` : ''}重新开始会从中断处继续，已导入的行不会重复导入。`,
    );
  }
  return undefined;
}

/** Officers may restart a failed job, or one that is interrupted but not yet marked failed; a done job never runs again. */
export function restartable(job: JobLeaseState, now: Date, timing: ImportJobTiming = IMPORT_JOB_TIMING): boolean {
  return job.status === 'failed' || interruption(job, now, timing) !== undefined;
}

/** Outcome of committing one chunk of rows. */
export type ChunkOutcome = Omit<ImportCursor, 'rows'> & { rows: number };

/**
 * The committed prefix of a run whose chunks finish out of order: the cursor moves over a chunk only
 * when every chunk before it has finished too, so resuming after it skips committed rows only.
 */
export class CommittedPrefix {
  private readonly finished = new Map<number, ChunkOutcome>();
  private next = 0;
  private current: ImportCursor;

  constructor(start: ImportCursor = EMPTY_CURSOR) {
    this.current = start;
  }

  get cursor(): ImportCursor {
    return this.current;
  }

  /** Records chunk `index` (0 for the first chunk of this run) as finished; true when the cursor moved. */
  finish(index: number, outcome: ChunkOutcome): boolean {
    this.finished.set(index, outcome);
    const before = this.next;
    for (let chunk = this.finished.get(this.next); chunk; chunk = this.finished.get(this.next)) {
      this.finished.delete(this.next++);
      this.current = {
        rows: this.current.rows + chunk.rows,
        created: this.current.created + chunk.created,
        updated: this.current.updated + chunk.updated,
        unchanged: this.current.unchanged + chunk.unchanged,
        rejected: this.current.rejected + chunk.rejected,
        // Registry refusals are rare; the limit bounds the job item.
        errors: [...this.current.errors, ...chunk.errors].slice(0, IMPORT_LIMITS.reportedErrors),
      };
    }
    return this.next > before;
  }
}
