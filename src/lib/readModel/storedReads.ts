import type { Core } from '@strapi/strapi';
import type { LocaleQuery } from '../locales/localeQuery';

type Context = Parameters<Core.MiddlewareHandler>[0];

export type StoredAnswer = { data: unknown; meta: Record<string, unknown> };
export type DetailLookup = { documentId: string } | { slug: string };

/**
 * What the read-model plugin serves as `plugin::read-model.stored-reads`, for public-api's read
 * controller: each answers exactly what the Document Service path would, or undefined, and the caller
 * takes that path. Each checks for itself that the request may be answered from the model.
 */
export type StoredReads = {
  /** A detail or slug read; `notFound` when the model knows there is nothing visible to answer. */
  detail(uid: string, ctx: Context, locale: LocaleQuery, lookup: DetailLookup): Promise<StoredAnswer | { notFound: true } | undefined>;
  /** A page of one locale's list, in Strapi's default order. */
  list(uid: string, ctx: Context, locale: LocaleQuery, pagination: unknown): Promise<StoredAnswer | undefined>;
  /** A page of a list with the opt-in locale fallback. */
  fallbackList(uid: string, ctx: Context, locale: LocaleQuery, pagination: unknown): Promise<StoredAnswer | undefined>;
};

const NOTHING_STORED: StoredReads = {
  detail: () => Promise.resolve(undefined),
  list: () => Promise.resolve(undefined),
  fallbackList: () => Promise.resolve(undefined),
};

/** The read model's stored answers; none when the plugin is not enabled (every read takes the Document Service path). */
export const storedReadsOf = (strapi: Core.Strapi): StoredReads =>
  strapi.plugin('read-model')?.service<StoredReads>('stored-reads') ?? NOTHING_STORED;
