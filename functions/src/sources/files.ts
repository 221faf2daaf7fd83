/**
 * The registry's file work, kept out of the request-path function: import uploads and jobs (the
 * import itself runs in the `importJobs` stream function), the import template, and eco-code posters.
 */
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { z } from 'zod/mini';
import type * as S from '@green-shield/shared/api/source-schemas';
import type { ImportJobViewT, ImportTemplateLinkT } from '@green-shield/shared/api/source-schemas';
import { IMPORT_FILE_TYPES, UPLOAD_LIMIT_BYTES, type ImportFormat } from '@green-shield/shared/api/limits';
import type { UploadTicketT } from '@green-shield/shared/api/schemas';
import { importUploadKey, parseUploadKey, TEMPLATE_PREFIX } from '@green-shield/shared/api/upload-keys';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { ApiError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { Principal } from '../lib/tokens';
import type { ObjectStore } from '../lib/object-store';
import { officerScope, requireScope } from '../lib/officer-scope';
import { sourceNotFound } from './context';
import { signEcoCode, type EcoCodeKey } from './eco-code-signer';
import { restartable } from './import-job-lease';
import { toImportJobView, type ImportJobRecord, type ImportJobRepository } from './import-jobs';
import { sourceTemplateWorkbook, TEMPLATE_FILE_NAME } from './import/template';
import { renderPoster } from './poster';
import type { OperatorLinkRepository } from './operator-link-repository';
import type { SourceRecord } from './records';
import type { SourceRepository } from './repository';
import { toPublicProfile } from './views';

const UPLOAD_TICKET_SECONDS = 10 * 60;
/** Long enough to tap the link; the app asks for a new one each time. */
const TEMPLATE_LINK_SECONDS = 5 * 60;
/** An XLSX workbook is a ZIP archive. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export class SourceFiles {
  /** The stored template's key, once this instance has made sure it is stored. */
  private templateKey: Promise<string> | undefined;

  constructor(
    private readonly repo: SourceRepository,
    private readonly operatorLinks: OperatorLinkRepository,
    private readonly jobs: ImportJobRepository,
    private readonly objects: ObjectStore,
    private readonly ecoCodeKey: EcoCodeKey,
    private readonly clock: Clock,
    private readonly district: DistrictConfig,
    private readonly appOrigin: string,
  ) {}

  async createImportUpload(principal: Principal, body: z.infer<typeof S.CreateImportUploadBody>): Promise<UploadTicketT> {
    const key = importUploadKey(principal.userId, ulid(), body.format);
    const { url, fields } = await this.objects.presignUpload(key, IMPORT_FILE_TYPES[body.format], UPLOAD_LIMIT_BYTES, UPLOAD_TICKET_SECONDS);
    const expiresAt = new Date(this.clock.now().getTime() + UPLOAD_TICKET_SECONDS * 1000).toISOString();
    return { key, url, fields, expiresAt, maxBytes: UPLOAD_LIMIT_BYTES };
  }

  /** Checks the upload is the caller's own import file and queues the job that imports it. */
  async startImport(principal: Principal, body: z.infer<typeof S.StartImportBody>): Promise<ImportJobViewT> {
    const upload = parseUploadKey(body.uploadKey, 'import');
    const invalid = (message: string) => new ApiError('INVALID_UPLOAD', 'The import file cannot be used', [{ field: 'body.uploadKey', message }]);
    if (upload?.ownerId !== principal.userId) throw invalid('not an import upload of yours');
    const format = upload.extension as ImportFormat;
    const object = await this.objects.inspect(body.uploadKey, ZIP_MAGIC.length);
    if (!object) throw invalid('upload not found (not uploaded, or expired)');
    if (object.size > UPLOAD_LIMIT_BYTES) throw invalid('larger than 10 MB');
    if (format === 'xlsx' && !ZIP_MAGIC.every((byte, i) => object.head[i] === byte)) throw new ApiError('IMPORT_FILE_INVALID', '文件不是有效的 XLSX 工作簿');
    const job = {
      id: ulid(),
      districtCode: this.district.code,
      createdBy: principal.userId,
      uploadKey: body.uploadKey,
      format,
      dryRun: body.dryRun,
      status: 'queued' as const,
      createdAt: this.clock.now().toISOString(),
    };
    await this.jobs.create(job);
    return toImportJobView(job);
  }

  async recentImports(): Promise<{ items: ImportJobViewT[] }> {
    const jobs = await this.jobs.recent(this.district.code);
    return { items: jobs.map((job) => toImportJobView(job.report ? { ...job, report: { ...job.report, errors: [] } } : job)) };
  }

  async getImport(id: string): Promise<ImportJobViewT> {
    return toImportJobView(await this.districtJob(id));
  }

  /**
   * Queues a failed or interrupted job again; its run resumes after the rows it committed. A done job
   * never runs again; a queued or running one is already on its way and is answered as it is.
   */
  async restartImport(id: string): Promise<ImportJobViewT> {
    const job = await this.districtJob(id);
    if (job.status === 'done') throw new ApiError('ILLEGAL_TRANSITION', '已完成的导入不会重新运行');
    if (!restartable(job, this.clock.now())) return toImportJobView(job);
    if (!(await this.jobs.requeue(job, this.clock.now().toISOString()))) throw new ApiError('VERSION_CONFLICT', '导入状态刚刚发生变化，请刷新后重试');
    return toImportJobView({ ...job, status: 'queued', failure: undefined, finishedAt: undefined });
  }

  private async districtJob(id: string): Promise<ImportJobRecord> {
    const job = await this.jobs.get(id);
    if (!job || job.districtCode !== this.district.code) throw new ApiError('NOT_FOUND', 'No such import');
    return job;
  }

  async importTemplate(): Promise<ImportTemplateLinkT> {
    const key = await this.storedTemplate();
    const url = await this.objects.presignDownload(key, TEMPLATE_LINK_SECONDS);
    const expiresAt = new Date(this.clock.now().getTime() + TEMPLATE_LINK_SECONDS * 1000).toISOString();
    return { url, fileName: TEMPLATE_FILE_NAME, expiresAt };
  }

  /**
   * The template is stored under a key named by its content: a new version (changed columns or
   * streets) gets a new key, so a link never serves a stale copy and no copy is overwritten.
   */
  private storedTemplate(): Promise<string> {
    this.templateKey ??= (async () => {
      const workbook = sourceTemplateWorkbook(this.district);
      const key = `${TEMPLATE_PREFIX}source-import-${createHash('sha256').update(workbook).digest('hex').slice(0, 16)}.xlsx`;
      if (!(await this.objects.inspect(key, 1))) {
        const contentDisposition = `attachment; filename="source-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(TEMPLATE_FILE_NAME)}`;
        await this.objects.put(key, workbook, { contentType: IMPORT_FILE_TYPES.xlsx, contentDisposition });
      }
      return key;
    })().catch((error: unknown) => {
      this.templateKey = undefined; // the next request tries again
      throw error;
    });
    return this.templateKey;
  }

  /** The poster of a source in the officer's care. */
  async poster(principal: Principal, id: string): Promise<string> {
    const source = await this.repo.get(id);
    if (!source || source.districtCode !== this.district.code) throw sourceNotFound();
    requireScope(officerScope(principal), source.streetCode);
    return this.posterOf(source);
  }

  /** The poster of a source the operator runs; someone else's answers exactly like a missing one. */
  async operatorPoster(principal: Principal, id: string): Promise<string> {
    const [operates, source] = await Promise.all([this.operatorLinks.isOperator(principal.userId, id), this.repo.get(id)]);
    if (!operates || !source || source.districtCode !== this.district.code) throw sourceNotFound();
    return this.posterOf(source);
  }

  private async posterOf(source: SourceRecord): Promise<string> {
    const profile = toPublicProfile(source, signEcoCode(await this.ecoCodeKey(), source.id), this.district);
    return renderPoster(profile, this.appOrigin, this.district);
  }
}
