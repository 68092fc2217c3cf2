import type { Core, UID } from '@strapi/strapi';
import { readPublishedSince, readUpcoming } from '../readPublished';
import { toPublicEntry, type PublicEntry } from '../publicEntry';
import type { DistributionContext } from '../distributionContext';
import { entryFields, entryPopulate } from '../entryPopulate';
import { DIGEST_SECTION_ITEMS, distributionConfig } from '../config';
import { todayInSiteTimezone } from '../../../../lib/clock/clock';
import { collectDigest, type Digest, type DigestSectionInput } from './collectDigest';

const present = (entry: PublicEntry | undefined): entry is PublicEntry => Boolean(entry);

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
    const populate = entryPopulate(strapi, uid, mapping);
    const limit = section.upcoming?.limit ?? section.limit ?? DIGEST_SECTION_ITEMS;
    // One more than shown: whether the section ends with a link to the rest, without counting it all.
    const documents = section.upcoming
      ? await readUpcoming(strapi, uid, {
          locale,
          field: section.upcoming.field,
          today: todayInSiteTimezone(),
          filters: section.filters,
          populate,
          fields: entryFields(mapping),
          limit: limit + 1,
          mayReadStored: context.mayReadStored,
        })
      : await readPublishedSince(strapi, uid, {
          locale,
          since,
          filters: section.filters,
          populate,
          fields: entryFields(mapping),
          limit: limit + 1,
          mayReadStored: context.mayReadStored,
        });
    const entries = documents.map((document) => toPublicEntry(document, uid, mapping, context)).filter(present);
    sections.push({ name, upcoming: Boolean(section.upcoming), entries: entries.slice(0, limit), more: entries.length > limit });
  }
  return collectDigest({ locale, since, site: { name: context.site.name, url: context.homeUrl }, sections });
};
