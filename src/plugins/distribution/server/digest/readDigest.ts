import type { Core, UID } from '@strapi/strapi';
import { readPublishedSinceEntries, readUpcomingEntries } from '../readEntries';
import type { DistributionContext } from '../distributionContext';
import { DIGEST_SECTION_ITEMS, distributionConfig } from '../config';
import { todayInSiteTimezone } from '../../../../lib/clock/clock';
import { collectDigest, type Digest, type DigestSectionInput } from './collectDigest';

/**
 * Reads each configured section: what became public since `since`, or for an `upcoming` section what
 * starts after today (soonest first, whenever it was published). The visibility middleware applies.
 */
export const readDigest = async (strapi: Core.Strapi, context: DistributionContext, since: Date): Promise<Digest> => {
  const { locale } = context;
  const config = distributionConfig(strapi);
  const sections: DigestSectionInput[] = [];
  for (const [name, section] of Object.entries(config.digest.sections)) {
    const uid = section.type as UID.ContentType;
    const mapping = config.entries[uid];
    const limit = section.upcoming?.limit ?? section.limit ?? DIGEST_SECTION_ITEMS;
    // One more than shown: whether the section ends with a link to the rest, without counting it all.
    const selection = { locale, filters: section.filters, limit: limit + 1 };
    const entries = section.upcoming
      ? await readUpcomingEntries(strapi, uid, mapping, context, {
          ...selection,
          field: section.upcoming.field,
          today: todayInSiteTimezone(),
        })
      : await readPublishedSinceEntries(strapi, uid, mapping, context, { ...selection, since });
    sections.push({ name, upcoming: Boolean(section.upcoming), entries: entries.slice(0, limit), more: entries.length > limit });
  }
  return collectDigest({ locale, since, site: { name: context.site.name, url: context.homeUrl }, sections });
};
