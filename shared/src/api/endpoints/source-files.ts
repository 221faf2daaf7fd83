/** The sourceFiles function's endpoints (see ../endpoints.ts). */
import { type Endpoint, OFFICER_ROLES } from '../endpoint';

export const SOURCE_FILES_ENDPOINTS = {
  myPoster: {
    method: 'GET',
    path: '/api/my/sources/{id}/poster',
    service: 'sourceFiles',
    auth: ['resident'],
    successStatus: 200,
    produces: 'image/svg+xml',
  },
  createImportUpload: {
    method: 'POST',
    path: '/api/sources/imports/uploads',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 201,
  },
  importSources: {
    method: 'POST',
    path: '/api/sources/imports',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 202,
  },
  listImports: {
    method: 'GET',
    path: '/api/sources/imports',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 200,
  },
  importTemplate: { method: 'GET', path: '/api/sources/imports/template', service: 'sourceFiles', auth: ['bureau_officer'], successStatus: 200 },
  getImport: {
    method: 'GET',
    path: '/api/sources/imports/{id}',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 200,
  },
  restartImport: {
    method: 'POST',
    path: '/api/sources/imports/{id}/restart',
    service: 'sourceFiles',
    auth: ['bureau_officer'],
    successStatus: 202,
  },
  sourcePoster: {
    method: 'GET',
    path: '/api/sources/{id}/poster',
    service: 'sourceFiles',
    auth: OFFICER_ROLES,
    successStatus: 200,
    produces: 'image/svg+xml',
  },
} as const satisfies Record<string, Endpoint & { service: 'sourceFiles' }>;
