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

/** Strapi's strategy name for Content API tokens (Settings → API Tokens). */
const API_TOKEN_STRATEGY = 'content-api-token';

export const readerAccessOf = (request: RequestLike): ReaderAccess => {
  const auth = request?.state?.auth;
  if (auth?.strategy?.name !== API_TOKEN_STRATEGY) return PUBLIC_READER;
  const permissions = (auth.credentials?.permissions ?? []).map((p) => (typeof p === 'string' ? p : p.action));
  return {
    canReadEmbargoed: permissions.includes(READ_EMBARGOED_ACTION),
    canReadDrafts: auth.credentials?.type === 'full-access',
  };
};

export const currentRequest = (strapi: Core.Strapi): RequestLike => strapi.requestContext.get() as RequestLike;
