/**
 * Paths of routes that another service's function links to (the street's desk, in community, opens
 * the officers' queue, joint inspection requests, the registry's search and its early warnings),
 * named once here and used by their endpoint tables, so that linking to them loads none of those tables.
 */
export const QUEUE_PATH = '/api/queue';
export const JOINT_INSPECTIONS_PATH = '/api/joint-inspections';
export const SOURCES_PATH = '/api/sources';
export const SOURCE_WARNINGS_PATH = '/api/warnings';
