/**
 * What the import page shows of a job: its progress in words and percent, and its report as
 * counts and error lines. Pure (no Taro), so the wording is unit-tested.
 */
import type { ImportJobViewT, ImportReportT, ImportRowErrorT } from '@green-shield/shared/api/source-schemas';
import { IMPORT_FILE_TYPES, UPLOAD_LIMIT_BYTES, type ImportFormat } from '@green-shield/shared/api/limits';
import { zh } from '../../i18n/zh-CN';

const t = zh.sourceImport;

export const REPORT_COUNTS = ['rows', 'valid', 'created', 'updated', 'unchanged', 'rejected'] as const;
export type ReportCount = (typeof REPORT_COUNTS)[number];

export interface ReportCountView {
  key: ReportCount;
  label: string;
  value: number;
  /** Rows that did not (or would not) go in. */
  alert: boolean;
}

export interface ImportReportView {
  counts: ReportCountView[];
  /** 第 N 行 · 列 · 原因, in the order the job found them. */
  errorLines: string[];
  /** Said when the job kept fewer errors than it found. */
  moreErrors?: string;
}

export function importErrorLine(error: ImportRowErrorT): string {
  return t.errorLine(error.row, error.field, error.message);
}

export function importReportView(report: ImportReportT): ImportReportView {
  const label: Record<ReportCount, string> = {
    rows: t.counts.rows,
    valid: t.counts.valid,
    created: t.counts.created(report.dryRun),
    updated: t.counts.updated(report.dryRun),
    unchanged: t.counts.unchanged,
    rejected: t.counts.rejected(report.dryRun),
  };
  return {
    counts: REPORT_COUNTS.map((key) => ({ key, label: label[key], value: report[key], alert: key === 'rejected' && report.rejected > 0 })),
    errorLines: report.errors.map(importErrorLine),
    ...(report.errorCount > report.errors.length ? { moreErrors: t.moreErrors(report.errors.length, report.errorCount) } : {}),
  };
}

/** A job still to finish: the page keeps asking for it. */
export function isJobFinished(job: Pick<ImportJobViewT, 'status'>): boolean {
  return job.status === 'done' || job.status === 'failed';
}

/** How far a job has come, 0–100 (a finished one is at 100, whatever its row count). */
export function jobPercent(job: Pick<ImportJobViewT, 'status' | 'progress'>): number {
  if (isJobFinished(job)) return 100;
  const { done = 0, total = 0 } = job.progress ?? {};
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

export function jobStatusText(job: Pick<ImportJobViewT, 'status' | 'progress' | 'failure'>): string {
  switch (job.status) {
    case 'queued':
      return t.queued;
    case 'running':
      return t.running(job.progress?.done ?? 0, job.progress?.total ?? 0);
    case 'failed':
      return job.failure ?? t.failed;
    case 'done':
      return t.done;
  }
}

/** The file's import format by its name's extension, or a reason to refuse the file. */
export function checkImportFile(file: { name: string; size: number }): { format: ImportFormat } | { problem: string } {
  const extension = /\.([^./\\]+)$/.exec(file.name)?.[1].toLowerCase();
  const format = (Object.keys(IMPORT_FILE_TYPES) as ImportFormat[]).find((candidate) => candidate === extension);
  if (!format) return { problem: t.unsupported };
  if (file.size <= 0) return { problem: t.emptyFile };
  if (file.size > UPLOAD_LIMIT_BYTES) return { problem: t.tooLarge };
  return { format };
}

/** One line for a past job: what it did (or why it failed), e.g. 「新增 3 · 更新 1 · 未导入 2」. */
export function jobSummary(job: Pick<ImportJobViewT, 'status' | 'progress' | 'failure' | 'report'>): string {
  if (job.status !== 'done' || !job.report) return jobStatusText(job);
  const { counts } = importReportView(job.report);
  return (
    counts
      .filter((count) => ['created', 'updated', 'unchanged', 'rejected'].includes(count.key) && count.value > 0)
      .map((count) => `${count.label} ${count.value}`)
      .join(' · ') || t.counts.unchanged
  );
}
