import type { Core } from '@strapi/strapi';
import { PUBLIC_READER, type ReaderAccess } from './visibilityRules';

/** The permission a journalist's API token holds; it goes with the `GET /api/articles/embargoed` route. */
export const READ_EMBARGOED_ACTION = 'api::article.article.embargoed';

type RequestState = {
  route?: { info?: { type?: string } };
  auth?: { strategy?: { name?: string }; credentials?: { type?: string; permissions?: Array<string | { action?: string }> } };
  isAuthenticatedAdmin?: boolean;
};

type RequestLike = { state?: RequestState } | undefined;

/** True for reads made through the Content API (REST or GraphQL), where public rules apply. */
export const isContentApiRequest = (request: RequestLike): boolean => request?.state?.route?.info?.type === 'content-api';

/** Strapi 5.54 names its Content API token strategy `content-api-token`; earlier 5.x releases `api-token`. */
const API_TOKEN_STRATEGIES = new Set(['api-token', 'content-api-token']);

export const readerAccessOf = (request: RequestLike): ReaderAccess => {
  const auth = request?.state?.auth;
  if (!auth || !API_TOKEN_STRATEGIES.has(auth.strategy?.name ?? '')) return PUBLIC_READER;
  const permissions = (auth.credentials?.permissions ?? []).map((p) => (typeof p === 'string' ? p : p.action));
  return {
    canReadEmbargoed: permissions.includes(READ_EMBARGOED_ACTION),
    canReadDrafts: auth.credentials?.type === 'full-access',
  };
};

export const currentRequest = (strapi: Core.Strapi): RequestLike => strapi.requestContext.get();
