import { isApiContentType, type DocumentMiddleware } from '../documents/documentMiddleware';
import { forgetNextVisibilityChange } from './nextVisibilityChange';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

/** Any write may add or move an embargo or a schedule: the remembered next instant is dropped. */
export const forgetVisibilityOnWrite: DocumentMiddleware = async (context, next) => {
  const result = await next();
  if (isApiContentType(context.uid) && WRITE_ACTIONS.has(context.action)) forgetNextVisibilityChange();
  return result;
};
