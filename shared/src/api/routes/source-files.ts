/** The sourceFiles function's routes: its endpoints with their schemas (see ../routes.ts). */
import { SOURCE_FILES_ENDPOINTS } from '../endpoints/source-files';
import { withSchemas } from '../route-spec';
import * as s from '../schemas';
import * as src from '../source-schemas';

export const SOURCE_FILES_ROUTES = /* @__PURE__ */ withSchemas(SOURCE_FILES_ENDPOINTS, {
  myPoster: {
    params: src.SourceIdParams,
    response: src.PosterDocument,
  },
  createImportUpload: {
    body: src.CreateImportUploadBody,
    response: s.UploadTicket,
  },
  importSources: {
    body: src.StartImportBody,
    response: src.ImportJobView,
  },
  listImports: {
    response: src.ImportJobList,
  },
  importTemplate: {
    response: src.ImportTemplateLink,
  },
  getImport: {
    params: src.ImportJobParams,
    response: src.ImportJobView,
  },
  restartImport: {
    params: src.ImportJobParams,
    response: src.ImportJobView,
  },
  sourcePoster: {
    params: src.SourceIdParams,
    response: src.PosterDocument,
  },
});
