import { createHttpHandler, type HttpHandler } from '../lib/http';
import { apiDepsFromEnv, lazy, type ApiDeps } from '../lib/runtime';
import { env } from '../lib/config';
import { ecoCodeKeyFromEnv, type EcoCodeKey } from './eco-code-signer';
import { SourceFiles } from './files';
import { SourceRepository } from './repository';

export interface SourceFilesDeps extends ApiDeps {
  ecoCodeKey: EcoCodeKey;
  /** Where eco-code URLs point (the H5 app's origin). */
  appOrigin: string;
}

export function createSourceFiles(deps: Omit<SourceFilesDeps, 'verificationKeys'>): SourceFiles {
  return new SourceFiles(new SourceRepository(deps.db, deps.tableName), deps.ecoCodeKey, deps.clock, deps.district, deps.appOrigin);
}

export function createSourceFilesHandler(deps: SourceFilesDeps): HttpHandler {
  const files = createSourceFiles(deps);
  return createHttpHandler(
    'sourceFiles',
    {
      importSources: ({ principal, body }) => files.importFile(principal, body),
      sourcePoster: ({ principal, params }) => files.poster(principal, params.id),
    },
    deps,
  );
}

export const handler = lazy(() => createSourceFilesHandler({ ...apiDepsFromEnv('source-files'), ecoCodeKey: ecoCodeKeyFromEnv(), appOrigin: env('appOrigin') ?? '' }));
