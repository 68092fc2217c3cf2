import { PUBLIC_READER, type ReaderAccess } from './visibilityRules';
import { visibilitySettings } from './settings';
import { apiTokenOf, type RequestLike } from './strapiInternals';

export { isContentApiRequest } from './strapiInternals';

/**
 * What this request may read: API tokens holding the configured embargo permission
 * (`embargo.readerAction`, journalists) read under embargo; full-access tokens may ask for drafts.
 */
export const readerAccessOf = (request: RequestLike, readerAction: string = visibilitySettings().embargo.readerAction): ReaderAccess => {
  const token = apiTokenOf(request);
  if (!token) return PUBLIC_READER;
  return {
    canReadEmbargoed: readerAction !== '' && token.actions.includes(readerAction),
    canReadDrafts: token.type === 'full-access',
  };
};
