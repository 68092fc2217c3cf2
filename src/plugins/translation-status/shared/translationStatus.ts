/**
 * What the plugin's routes answer about a translation: written by the server (services/tracker.ts,
 * controllers/status.ts) and read by the admin panel (admin/src/api.ts). Types only, so the admin
 * bundle imports nothing from the server.
 */
export type TranslationState = 'missing' | 'outdated' | 'current';

/** The state of one locale of one document. */
export type DocumentTranslation = {
  contentType: string;
  documentId: string;
  locale: string;
  source: string;
  state: TranslationState;
  /** When the source's localized content last changed. */
  sourceUpdatedAt: string | null;
  /** Since when this translation is behind (outdated), or waiting for a first version (missing). */
  since: string | null;
  /** The source's fields that changed since this locale was written or confirmed. */
  changedFields: string[];
  confirmedAt: string | null;
};

/** An item of the status list and of "mark as current": with the document's link in the admin panel. */
export type LinkedTranslation = DocumentTranslation & { adminUrl: string };

/** The admin's detail of one locale: the source's text of each changed field. */
export type TranslationDetail = LinkedTranslation & { isSource: boolean; changes: Array<{ field: string; source: string }> };
