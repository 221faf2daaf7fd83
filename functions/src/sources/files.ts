/**
 * The registry's file work, kept out of the request-path function: importing lists of sources
 * (CSV/XLSX) and drawing eco-code posters. Officers' requests and the import CLI both come here.
 */
import type { z } from 'zod';
import type * as S from '@green-shield/shared/api/source-schemas';
import type { ImportReportT } from '@green-shield/shared/api/source-schemas';
import type { DistrictConfig } from '@green-shield/shared/districts/district';
import { ApiError } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { Principal } from '../lib/tokens';
import { officerScope, requireScope } from './access';
import { signEcoCode, type EcoCodeKey } from './eco-code-signer';
import { ImportFileError } from './import/errors';
import { readSourceFile } from './import/read-table';
import type { ParsedRow } from './import/types';
import { importSourceRows, type ImportOptions } from './importer';
import { renderPoster } from './poster';
import type { SourceRepository } from './repository';
import { toPublicProfile } from './views';

export class SourceFiles {
  constructor(
    private readonly repo: SourceRepository,
    private readonly ecoCodeKey: EcoCodeKey,
    private readonly clock: Clock,
    private readonly district: DistrictConfig,
    private readonly appOrigin: string,
  ) {}

  /** A file the importer cannot read is the caller's mistake: a 400 with the reader's message. */
  async importFile(principal: Principal, body: z.infer<typeof S.ImportBody>): Promise<ImportReportT> {
    let rows: ParsedRow[];
    try {
      rows = readSourceFile(body.format, Buffer.from(body.contentBase64, 'base64'), this.district);
    } catch (error) {
      if (error instanceof ImportFileError) throw new ApiError('IMPORT_FILE_INVALID', error.message);
      throw error;
    }
    return this.importRows(rows, { dryRun: body.dryRun, actorId: principal.userId });
  }

  importRows(rows: ParsedRow[], options: ImportOptions): Promise<ImportReportT> {
    return importSourceRows(this.repo, rows, options, this.district, this.clock);
  }

  async poster(principal: Principal, id: string): Promise<string> {
    const source = await this.repo.get(id);
    if (!source || source.districtCode !== this.district.code) throw new ApiError('SOURCE_NOT_FOUND', 'No such source');
    requireScope(officerScope(principal), source.streetCode);
    const profile = toPublicProfile(source, signEcoCode(await this.ecoCodeKey(), id), this.district);
    return renderPoster(profile, this.appOrigin, this.district);
  }
}
