/** The plugin's admin routes (server/routes: admin router, logged-in staff). */
export const PLUGIN_ID = 'translation-status';

export type { TranslationState } from '../../shared/translationStatus';
export type { LinkedTranslation as TranslationItem, TranslationDetail as DocumentTranslation } from '../../shared/translationStatus';

export const documentPath = (contentType: string, documentId: string, locale: string) =>
  `/${PLUGIN_ID}/documents/${encodeURIComponent(contentType)}/${encodeURIComponent(documentId)}?locale=${encodeURIComponent(locale)}`;

export const markCurrentPath = (contentType: string, documentId: string, locale: string) =>
  `/${PLUGIN_ID}/documents/${encodeURIComponent(contentType)}/${encodeURIComponent(documentId)}/mark-current?locale=${encodeURIComponent(locale)}`;

export const statusPath = (locale: string, contentType?: string) =>
  `/${PLUGIN_ID}/status?locale=${encodeURIComponent(locale)}${contentType ? `&contentType=${encodeURIComponent(contentType)}` : ''}`;

/** « français », « anglais »: how the panel names a locale in a French sentence. */
export const languageName = (code: string): string => {
  try {
    return new Intl.DisplayNames(['fr'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

export const formatDate = (iso: string | null): string =>
  iso ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso)) : '';

/** The admin's own path of a link the server built absolute (…/admin/content-manager/…). */
export const adminRelativePath = (adminUrl: string): string => {
  const index = adminUrl.indexOf('/content-manager/');
  return index >= 0 ? adminUrl.slice(index) : adminUrl;
};
