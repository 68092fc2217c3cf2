/**
 * The project's shared rules this plugin relies on, imported in one place so that a move of those
 * modules touches one file: the clock, the visibility rule, reader access, site URLs, the 400 shape,
 * the Document Service middleware helper and the public allow list's OpenAPI pieces.
 */
export { now } from '../../../lib/clock/clock';
export { hidingFields, embargoState, type ReaderAccess } from '../../visibility/server/visibilityRules';
export { timeFieldsOf } from '../../visibility/server/settings';
export { readerAccessOf } from '../../visibility/server/readerAccess';
export { buildSiteUrl, siteConfig } from '../../distribution/server/site/siteUrls';
export { validationError } from '../../../lib/validation/validationError';
export { registerDocumentMiddleware, type DocumentContext } from '../../../lib/documents/documentMiddleware';
export { ERRORS, HTTP_CACHE_NOTE, PUBLIC_OR_TOKEN, localeSchema } from '../../public-api/server/openapi/openApiPieces';
