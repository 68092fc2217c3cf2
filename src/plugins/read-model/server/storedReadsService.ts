import type { Core } from '@strapi/strapi';
import type { StoredDocument, StoredReads } from '../../../lib/readModel/storedReads';
import { DETAIL_PARAMS, eligibleForReadModel, storedDetail } from './serve';
import { storedSitemapCount, storedSitemapNewest, storedSitemapStart, storedSitemapVersions } from './serveSitemap';
import { storedNewest, storedPublishedSince, storedUpcoming } from './serveNewest';
import { eligibleListRead, listAnswer, storedCount, storedFallbackList, storedList, storedWindow, type StoredList } from './serveList';

const asAnswer = (list: StoredList | undefined) => (list ? listAnswer(list) : undefined);

/** `plugin::read-model.stored-reads`: stored answers for public-api's read controller (src/lib/readModel/storedReads.ts). */
export const storedReadsService = ({ strapi }: { strapi: Core.Strapi }): StoredReads => ({
  async detail(uid, ctx, locale, lookup) {
    if (!eligibleForReadModel(strapi, uid, ctx, DETAIL_PARAMS)) return undefined;
    const stored = await storedDetail(strapi, uid, ctx, locale, lookup);
    if (!stored) return undefined;
    return 'notFound' in stored ? stored : stored.answer;
  },
  list: async (uid, ctx, locale, pagination) =>
    eligibleListRead(strapi, uid, ctx) ? asAnswer(await storedList(strapi, uid, ctx, locale, pagination)) : undefined,
  fallbackList: async (uid, ctx, locale, pagination) =>
    eligibleListRead(strapi, uid, ctx) ? asAnswer(await storedFallbackList(strapi, uid, ctx, locale, pagination)) : undefined,
  async window(uid, locale, window, order, kind) {
    const items = await storedWindow(strapi, uid, locale, window, order, kind);
    return items?.map((item) => JSON.parse(item) as StoredDocument);
  },
  count: (uid, locale, kind) => storedCount(strapi, uid, locale, kind),
  sitemapCount: (uid, instant, addressing) => storedSitemapCount(strapi, uid, instant.getTime(), addressing),
  sitemapVersions: (uid, instant, cursor, limit) => storedSitemapVersions(strapi, uid, instant.getTime(), cursor, limit),
  sitemapStart: (uid, instant, addressing, index) => storedSitemapStart(strapi, uid, instant.getTime(), addressing, index),
  sitemapNewest: (uid, instant, addressing) => storedSitemapNewest(strapi, uid, instant.getTime(), addressing),
  newest: (uid, instant, selection) => storedNewest(strapi, uid, instant.getTime(), selection),
  publishedSince: (uid, instant, since, selection) => storedPublishedSince(strapi, uid, instant.getTime(), since.getTime(), selection),
  upcoming: (uid, instant, upcoming, selection) => storedUpcoming(strapi, uid, instant.getTime(), upcoming, selection),
});
