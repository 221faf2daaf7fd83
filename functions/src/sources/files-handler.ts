import { SOURCE_FILES_ROUTES } from '@green-shield/shared/api/routes/source-files';
import { createHttpHandler, type HttpHandler } from '../lib/http';
import { apiDepsFromEnv, lazy, type ApiDeps } from '../store/runtime';
import { env } from '../lib/config';
import { ecoCodeKeyFromEnv, type EcoCodeKey } from './eco-code-signer';
import { SourceFiles } from './files';
import { SourceRepository } from './repository';
import { ImportJobRepository } from './import-jobs';
import { OperatorLinkRepository } from './operator-link-repository';
import type { ObjectStore } from '../lib/object-store';
import { objectStoreFromEnv } from '../lib/s3-object-store';

export interface SourceFilesDeps extends ApiDeps {
  objects: ObjectStore;
  ecoCodeKey: EcoCodeKey;
  /** Where eco-code URLs point (the H5 app's origin). */
  appOrigin: string;
}

export function createSourceFilesHandler(deps: SourceFilesDeps): HttpHandler {
  const sources = new SourceRepository(deps.db, deps.tableName);
  const jobs = new ImportJobRepository(deps.db, deps.tableName);
  const files = new SourceFiles(
    sources,
    new OperatorLinkRepository(deps.db, deps.tableName),
    jobs,
    deps.objects,
    deps.ecoCodeKey,
    deps.clock,
    deps.district,
    deps.appOrigin,
  );
  return createHttpHandler(
    SOURCE_FILES_ROUTES,
    {
      createImportUpload: ({ principal, body }) => files.createImportUpload(principal, body),
      importSources: ({ principal, body }) => files.startImport(principal, body),
      listImports: () => files.recentImports(),
      importTemplate: () => files.importTemplate(),
      getImport: ({ params }) => files.getImport(params.id),
      restartImport: ({ params }) => files.restartImport(params.id),
      sourcePoster: ({ principal, params }) => files.poster(principal, params.id),
      myPoster: ({ principal, params }) => files.operatorPoster(principal, params.id),
    },
    deps,
  );
}

export const handler = /* @__PURE__ */ lazy(() =>
  createSourceFilesHandler({
    ...apiDepsFromEnv('source-files'),
    objects: objectStoreFromEnv(),
    ecoCodeKey: ecoCodeKeyFromEnv(),
    appOrigin: env('appOrigin') ?? '',
  }),
);
