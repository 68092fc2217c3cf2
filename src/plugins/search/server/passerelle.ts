import { visibilityOf } from '../../../lib/visibility/visibilityService';

/**
 * The project's shared rules this plugin relies on, imported in one place so that a move of those
 * modules touches one file: the clock, the site's locales, the visibility rule and reader access (the visibility
 * plugin's `rules` service; none without it), site URLs (the distribution plugin's site; none
 * without it), the 400 shape, the Document Service middleware helper, the batch of writes, the write log and the OpenAPI pieces.
 */
export { now } from '../../../lib/clock/clock';
export { siteLocales } from '../../../lib/locales/localeQuery';
export { hidingFields, embargoState, type ReaderAccess } from '../../../lib/visibility/readerAccess';
export { buildSiteUrl, siteConfig } from '../../../lib/site/siteUrls';
export { validationError } from '../../../lib/validation/validationError';
export { registerDocumentMiddleware, type DocumentContext } from '../../../lib/documents/documentMiddleware';
export { currentWriteBatch, noteWrittenInBatch } from '../../../lib/documents/writeBatch';
export { defineWriteLog } from '../../../lib/database/writeLog';
export { ERRORS, HTTP_CACHE_NOTE, PUBLIC_OR_TOKEN, errorResponse, localeSchema } from '../../../lib/openapi/openApiPieces';

// These two keep the signatures the search code calls, on Strapi's global instance (set before any plugin loads).

/** What this request may read (journalists read under embargo), as the visibility plugin says. */
export const readerAccessOf = (request: { state?: Record<string, unknown> } | undefined) => visibilityOf(strapi).readerAccess(request);

/** The time fields that hold a document of a type back, as the visibility plugin is configured. */
export const timeFieldsOf = (uid: string, attributes: Record<string, unknown>) => visibilityOf(strapi).timeFieldsOf(uid, attributes);
