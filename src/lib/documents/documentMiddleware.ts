import type { Core, UID } from '@strapi/strapi';

/**
 * The slice of a Document Service call that our middlewares read. Strapi's own context type is a
 * union over every content type, far heavier than what these rules need.
 */
export type DocumentParams = {
  documentId?: string;
  locale?: string | string[];
  status?: 'draft' | 'published';
  data?: Record<string, unknown>;
  [key: string]: unknown;
};

export type AttributeLike = { type: string; [option: string]: unknown };

export type DocumentContext = {
  uid: UID.ContentType;
  action: string;
  params: DocumentParams;
  contentType: { uid: string; attributes: Record<string, AttributeLike> };
};

export type DocumentMiddleware = (context: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

/** Our own content types: the rules below never touch Strapi's or plugins' internal types. */
export const isApiContentType = (uid: string): boolean => uid.startsWith('api::');

export const isWriteAction = (action: string): action is 'create' | 'update' => action === 'create' || action === 'update';

/** True when the call leaves a published version behind: publish, or a write with status=published. */
export const publishesDocument = (context: DocumentContext): boolean =>
  context.action === 'publish' || (isWriteAction(context.action) && context.params.status === 'published');

export const registerDocumentMiddleware = (strapi: Core.Strapi, middleware: DocumentMiddleware): void => {
  strapi.documents.use(middleware as unknown as Parameters<Core.Strapi['documents']['use']>[0]);
};

/** The documentId a write produced, whatever the action returned. */
export const documentIdOf = (context: DocumentContext, result: unknown): string | undefined => {
  if (context.params.documentId) return context.params.documentId;
  const value = result as { documentId?: string } | null;
  return value?.documentId;
};
