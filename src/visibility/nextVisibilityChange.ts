import type { Core, UID } from '@strapi/strapi';
import { EMBARGO_FIELD, SCHEDULE_FIELD } from './visibilityRules';

const TIME_FIELDS = [EMBARGO_FIELD, SCHEDULE_FIELD];

const typesWithTimeFields = (strapi: Core.Strapi) =>
  Object.values(strapi.contentTypes)
    .filter((type) => type.uid.startsWith('api::'))
    .map((type) => ({ uid: type.uid as UID.ContentType, fields: TIME_FIELDS.filter((field) => field in type.attributes) }))
    .filter((type) => type.fields.length > 0);

/** The next instant after `now` at which some published document becomes visible, if any. */
export const findNextVisibilityChange = async (strapi: Core.Strapi, now: Date): Promise<Date | undefined> => {
  const instant = now.toISOString();
  let next: string | undefined;
  for (const { uid, fields } of typesWithTimeFields(strapi)) {
    for (const field of fields) {
      const row = (await strapi.db.query(uid).findOne({
        select: [field],
        where: { publishedAt: { $notNull: true }, [field]: { $gt: instant } },
        orderBy: { [field]: 'asc' },
      })) as Record<string, string | Date> | null;
      const value = row?.[field];
      const iso = value instanceof Date ? value.toISOString() : value;
      if (iso && (!next || iso < next)) next = iso;
    }
  }
  return next ? new Date(next) : undefined;
};

/** Published documents that became visible in (from, to]: released from embargo or reaching their schedule. */
export const documentsBecomingVisible = async (strapi: Core.Strapi, from: Date, to: Date) => {
  const window = { $gt: from.toISOString(), $lte: to.toISOString() };
  const found: Array<{ uid: UID.ContentType; documentId: string; locale: string }> = [];
  for (const { uid, fields } of typesWithTimeFields(strapi)) {
    const rows = (await strapi.db.query(uid).findMany({
      select: ['documentId', 'locale', ...fields],
      where: { publishedAt: { $notNull: true }, $or: fields.map((field) => ({ [field]: window })) },
    })) as Array<Record<string, unknown> & { documentId: string; locale: string }>;
    // Visible only once every rule allows it: an embargo ending before its schedule is not a release.
    const visible = rows.filter((row) => fields.every((field) => !row[field] || new Date(row[field] as string) <= to));
    found.push(...visible.map((row) => ({ uid, documentId: row.documentId, locale: row.locale })));
  }
  return found;
};

/**
 * Every public read asks for the next instant (to bound CDN caching); it only changes when content
 * is written or when that instant passes, so one answer is kept until either happens.
 */
let remembered: { from: number; next: Date | undefined } | undefined;

export const forgetNextVisibilityChange = (): void => {
  remembered = undefined;
};

export const nextVisibilityChange = async (strapi: Core.Strapi, now: Date): Promise<Date | undefined> => {
  const stillValid = remembered && now.getTime() >= remembered.from && (!remembered.next || now < remembered.next);
  if (!stillValid) remembered = { from: now.getTime(), next: await findNextVisibilityChange(strapi, now) };
  return remembered?.next;
};
