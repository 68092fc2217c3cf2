import { timeFieldsOf } from './settings';
import { hidingFields, type Filter, type ReaderAccess, type TimeFields } from '../../../lib/visibility/readerAccess';

// Shared with the plugins that read around the Document Service (src/lib/visibility).
export {
  embargoState,
  hidingFields,
  PUBLIC_READER,
  type EmbargoState,
  type Filter,
  type ReaderAccess,
} from '../../../lib/visibility/readerAccess';

/**
 * The one definition of "is this public yet", shared by every surface (REST, GraphQL, feeds,
 * sitemap, digest, press kit). Published is not enough: a document under embargo, or scheduled for
 * later, stays hidden until its instant. Which fields hold which types back is configuration
 * (see settings.ts); these functions take a type's fields.
 */

type Attributes = Record<string, unknown>;

const notAfter = (field: string, instant: string): Filter => ({
  $or: [{ [field]: { $null: true } }, { [field]: { $lte: instant } }],
});

/**
 * A query filter that keeps only what this reader may see at `now`; undefined when the type has no
 * time field that hides anything from this reader. Always the whole rule: whether some document is
 * held back right now is never asked, since a document committed a moment later would then go
 * unfiltered (a PostgreSQL race seen to leak embargoed releases).
 */
export const visibilityFilter = (fields: TimeFields, now: Date, access: ReaderAccess): Filter | undefined => {
  const instant = now.toISOString();
  const conditions = hidingFields(fields, access).map((field) => notAfter(field, instant));
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { $and: conditions };
};

const toTime = (value: unknown): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const time = new Date(value as string).getTime();
  return Number.isNaN(time) ? undefined : time;
};

/** The rule for a type as configured, from its UID and attributes. */
export const visibilityFilterFor = (uid: string, attributes: Attributes, now: Date, access: ReaderAccess): Filter | undefined =>
  visibilityFilter(timeFieldsOf(uid, attributes), now, access);

/** The same rule on an entry already in memory (for single reads and output checks). */
export const isVisibleAt = (fields: TimeFields, entry: Record<string, unknown>, now: Date, access: ReaderAccess): boolean =>
  hidingFields(fields, access).every((field) => {
    const time = toTime(entry[field]);
    return time === undefined || time <= now.getTime();
  });
