/**
 * The project's shared rules this plugin relies on, imported in one place so that a move of those
 * modules touches one file: the clock, the visibility rule, reader access, site URLs, the 400 shape,
 * the Document Service middleware helper and the public allow list's OpenAPI pieces.
 */
export { now } from '../../../clock/clock';
export { EMBARGO_FIELD, SCHEDULE_FIELD, hidingFields, embargoState, type ReaderAccess } from '../../../visibility/visibilityRules';
export { readerAccessOf } from '../../../visibility/readerAccess';
export { buildSiteUrl, siteConfig } from '../../../site/siteUrls';
export { validationError } from '../../../validation/validationError';
export { registerDocumentMiddleware, type DocumentContext } from '../../../documents/documentMiddleware';
export { ERRORS, HTTP_CACHE_NOTE, PUBLIC_OR_TOKEN, localeSchema } from '../../../openapi/openApiPieces';
