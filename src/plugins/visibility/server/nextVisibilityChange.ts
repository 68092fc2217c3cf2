import type { Core, UID } from '@strapi/strapi';
import { versionedMemo } from '../../../lib/cache/versionedMemo';
import { timeFieldNames, timeFieldsOf } from './settings';

/** The configured types that have a time field, with those fields (embargo first). */
const typesWithTimeFields = (strapi: Core.Strapi) =>
  (Object.values(strapi.contentTypes) as Array<{ uid: string; attributes: Record<string, unknown> }>)
    .map((type) => ({ uid: type.uid as UID.ContentType, fields: timeFieldNames(timeFieldsOf(type.uid, type.attributes)) }))
    .filter((type) => type.fields.length > 0);

/** For each type and time field, the next instant after `now` at which a published document is released by it. */
export type VisibilitySchedule = Record<string, Record<string, Date>>;

export const findVisibilitySchedule = async (strapi: Core.Strapi, now: Date): Promise<VisibilitySchedule> => {
  const instant = now.toISOString();
  const schedule: VisibilitySchedule = {};
  for (const { uid, fields } of typesWithTimeFields(strapi)) {
    for (const field of fields) {
      const row = (await strapi.db.query(uid).findOne({
        select: [field],
        where: { publishedAt: { $notNull: true }, [field]: { $gt: instant } },
        orderBy: { [field]: 'asc' },
      })) as Record<string, string | Date> | null;
      const value = row?.[field];
      if (value) schedule[uid] = { ...schedule[uid], [field]: new Date(value) };
    }
  }
  return schedule;
};

const earliest = (schedule: VisibilitySchedule): Date | undefined =>
  Object.values(schedule)
    .flatMap((fields) => Object.values(fields))
    .reduce<Date | undefined>((first, date) => (!first || date < first ? date : first), undefined);

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
 * Public answers need the schedule to bound how long caches keep them; it only changes when content
 * is written or when its first instant passes. It never decides whether the visibility filter applies.
 */
const rememberedSchedule = versionedMemo(async (strapi, now) => {
  const schedule = await findVisibilitySchedule(strapi, now);
  return { value: schedule, validUntil: earliest(schedule) };
});

export const visibilitySchedule = (strapi: Core.Strapi, now: Date): Promise<VisibilitySchedule> => rememberedSchedule(strapi, now);

/** The next instant after `now` at which some published document becomes visible, if any. */
export const nextVisibilityChange = async (strapi: Core.Strapi, now: Date): Promise<Date | undefined> =>
  earliest(await visibilitySchedule(strapi, now));
