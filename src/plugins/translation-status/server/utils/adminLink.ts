/** Where staff open one locale of a document in the admin panel's content manager. */
export const adminLink = (adminUrl: string, kind: string, uid: string, documentId: string, locale: string): string => {
  const query = `plugins[i18n][locale]=${encodeURIComponent(locale)}`;
  return kind === 'singleType'
    ? `${adminUrl}/content-manager/single-types/${uid}?${query}`
    : `${adminUrl}/content-manager/collection-types/${uid}/${documentId}?${query}`;
};
