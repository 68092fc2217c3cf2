import type { Core, UID } from '@strapi/strapi';
import { attributesOf, FILE_UID } from '../../../lib/schema/modelAttributes';
import { now, todayInSiteTimezone, siteTimezone } from '../../../lib/clock/clock';
import { zonedMidnight } from '../../../lib/clock/zonedTime';
import { fullPopulateOf } from '../../../lib/population/populationState';
import { siteTypeOf } from '../../../lib/site/siteUrls';
import { documentMeta } from '../../../lib/site/documentMeta';
import { findAlternatesOfMany } from '../../../lib/site/alternates';
import { documentIdsIn } from '../../../lib/output/documentIds';
import { entryProjectionOf } from '../../../lib/readModel/storedEntries';
import { visibilityOf } from '../../../lib/visibility/visibilityService';
import { hidingFields, PUBLIC_READER } from '../../../lib/visibility/readerAccess';
import { readModelSettings } from './settings';
import type { StoredRow } from './tables';
import {
  asRequest,
  authenticateAsPublic,
  controllerAction,
  outsideRequest,
  routeMiddleware,
  syntheticPublicContext,
  type SyntheticContext,
} from './strapiInternals';

/** Marks the synthetic requests that compute rows: they take the slow path, never the model. */
export const COMPUTING_ROW = 'readModelComputingRow';

export { FILE_UID };

type Entity = Record<string, unknown>;
export type Target = { uid: string; documentId: string };
export type PublishedEntry = Entity & { id: number; documentId: string; locale: string };

const toTime = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const time = new Date(value as string).getTime();
  return Number.isNaN(time) ? null : time;
};

/** The fields that hold a document of `uid` back from the public, as the visibility plugin is configured. */
export const publicTimeFields = (strapi: Core.Strapi, uid: string) => {
  const fields = visibilityOf(strapi).timeFieldsOf(uid, attributesOf(strapi, uid));
  return { fields, hiding: hidingFields(fields, PUBLIC_READER) };
};

/** What a published entry is read with: its keys, slug, kind, time fields and last update. */
export const entryFields = (strapi: Core.Strapi, uid: string): string[] => {
  const attributes = attributesOf(strapi, uid);
  const { hiding } = publicTimeFields(strapi, uid);
  const range = calendarRangeOf(strapi, uid);
  return [
    'id',
    'documentId',
    'locale',
    'publishedAt',
    'updatedAt',
    ...['slug', 'kind'].filter((f) => f in attributes),
    ...hiding,
    ...(range && !hiding.includes(range.from) ? [range.from] : []),
  ];
};

type CalendarRange = { from: string; to: string };

/** A calendar type's range of dates (`calendarRanges`), when it has one. */
export const calendarRangeOf = (strapi: Core.Strapi, uid: string): CalendarRange | undefined => {
  const { calendarTypes, calendarRanges } = readModelSettings(strapi);
  // A calendar type may have no range (every midnight counts): the record holds only those configured.
  return calendarTypes.includes(uid) ? calendarRanges[uid] : undefined;
};

/** The address media and the publisher logo are given in answers: the configured public URL, else each request's origin. */
export const configuredBaseUrl = (strapi: Core.Strapi): string => strapi.config.get<string>('server.url', '') || '';

let computations = 0;

const syntheticContext = (strapi: Core.Strapi, query: Entity, params: Record<string, string>): SyntheticContext =>
  syntheticPublicContext({
    query,
    params,
    origin: configuredBaseUrl(strapi),
    // A version of its own: values remembered per content version are computed afresh inside the writer's
    // transaction (reading the shared version there would wait on that transaction on SQLite).
    state: { [COMPUTING_ROW]: true, contentVersion: `read-model-${process.pid}-${(computations += 1)}` },
  });

/** The type's default population, as its route middleware (`<uid>-populate`) gives it. */
export const defaultPopulateOf = async (strapi: Core.Strapi, uid: string): Promise<unknown> => {
  const ctx = syntheticContext(strapi, {}, {});
  await routeMiddleware(strapi, `${uid}-populate`)?.(ctx, () => Promise.resolve());
  return fullPopulateOf(ctx as never);
};

/** Documents computed per call of the list action: a page Strapi accepts (`api.rest.maxLimit`). */
const listBatchSize = (strapi: Core.Strapi) => Math.max(1, Math.min(50, strapi.config.get<number>('api.rest.maxLimit', 100)));

/**
 * The public answers' `data` of these documents of one locale, keyed by document id, as
 * `GET /api/<type>?locale=&filters[documentId][$in]=…` gives them to a reader with no credentials:
 * the type's own list action on a synthetic request (its route middleware, Strapi's auth for the
 * Public role, its query checks, the visibility rule and output sanitizers). A list item is the same
 * bytes as what `GET /api/<type>/:documentId` answers as `data`, whatever it is listed with
 * (`inSchemaOrder`; tests/api/answer-key-order.test.ts). A document missing is one that path does not
 * show.
 */
const publicDataOf = async (strapi: Core.Strapi, uid: string, locale: string, documentIds: string[]) => {
  const action = controllerAction(strapi, uid, 'find');
  if (!action) throw new Error(`read model: ${uid} has no find action`);
  const query = {
    locale,
    filters: { documentId: { $in: documentIds } },
    // In the order of the (document_id, locale, published_at) index: Strapi's default order (by id,
    // with a LIMIT) let SQLite walk the locale's whole (locale, id) index for the page's documents,
    // O(size) a page (170 ms at 50,000 articles against 0.8). The items are keyed by document below.
    sort: 'documentId:asc',
    pagination: { page: 1, pageSize: documentIds.length, withCount: false },
  };
  const ctx = syntheticContext(strapi, query, {});
  await authenticateAsPublic(strapi, ctx);
  await routeMiddleware(strapi, `${uid}-populate`)?.(ctx, () => Promise.resolve());
  const answer = (await asRequest(strapi, ctx, () => action(ctx))) as { data: Entity[] };
  return new Map(answer.data.map((item) => [item.documentId as string, item]));
};

/** The documents with everything the public may come to see without a write: every linked published document, hidden ones included. */
const wholeDocumentsOf = async (strapi: Core.Strapi, uid: string, locale: string, documentIds: string[]) => {
  const populate = await defaultPopulateOf(strapi, uid);
  const found = await outsideRequest(strapi, () =>
    (strapi.documents(uid as never) as unknown as { findMany: (p: Entity) => Promise<Entity[]> }).findMany({
      filters: { documentId: { $in: documentIds } },
      locale,
      status: 'published',
      populate,
    })
  );
  return new Map(found.map((entity) => [entity.documentId as string, entity]));
};

/** Every document and file an entry shows, at any depth, through relations, media, components and dynamic zones. */
export const referencesIn = (strapi: Core.Strapi, uid: string, value: unknown, found: Map<string, Set<string>> = new Map()) => {
  const add = (target: string, id: unknown) => {
    if (typeof id !== 'string' && typeof id !== 'number') return;
    found.set(target, (found.get(target) ?? new Set()).add(String(id)));
  };
  if (!value || typeof value !== 'object') return found;
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    const field = (value as Entity)[name];
    if (field === null || field === undefined) continue;
    const items = (Array.isArray(field) ? field : [field]) as Entity[];
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      if (attribute.type === 'relation' && attribute.target && !attribute.relation?.startsWith('morph')) {
        add(attribute.target, item.documentId);
        referencesIn(strapi, attribute.target, item, found);
      } else if (attribute.type === 'media') {
        add(FILE_UID, item.id);
      } else if (attribute.type === 'component' && attribute.component) {
        referencesIn(strapi, attribute.component, item, found);
      } else if (attribute.type === 'dynamiczone' && typeof item.__component === 'string') {
        referencesIn(strapi, item.__component, item, found);
      }
    }
  }
  return found;
};

/** The day after `day` (YYYY-MM-DD). */
const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The midnights where the association works around `at`: when anything computed from "today" changes. */
const localMidnightsAround = (at: Date): { last: number; next: number } => {
  const today = todayInSiteTimezone(at);
  const tomorrow = dayAfter(today);
  return { last: zonedMidnight(today, siteTimezone()).getTime(), next: zonedMidnight(tomorrow, siteTimezone()).getTime() };
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A value that is a plain day (YYYY-MM-DD), else null. */
const plainDay = (value: unknown): string | null => (typeof value === 'string' && DAY.test(value) ? value : null);

/** A calendar range's two days, when both are plain days (YYYY-MM-DD). */
const rangeDays = (row: Entity, range: { from: string; to: string }): { from: string; to: string } | 'missing' | 'not-days' => {
  const from = row[range.from];
  const to = row[range.to];
  if (from === null || from === undefined || to === null || to === undefined) return 'missing';
  return typeof from === 'string' && typeof to === 'string' && DAY.test(from) && DAY.test(to) ? { from, to } : 'not-days';
};

type Validity = { from: number | null; until: number | null };

/**
 * For each row of a page (its document and the documents it shows), the interval of instants around
 * `instant` in which its answer stays the same with no write: it ends at the next instant where
 * something the row shows changes, and starts at the latest such instant already passed (a clock set
 * back, or another instance's clock a little behind, must not see a document released after it).
 * Those instants:
 * - a document it shows (or could show: linked, published, still hidden) reaching its embargo end or
 *   schedule;
 * - for a calendar type with a range of dates (`calendarRanges`), the midnight starting `from` and the
 *   one after `to` of each document of that type the row shows (itself included), where its status
 *   changes;
 * - for a calendar type without one, or a range with a date that is not a plain day, the local
 *   midnights around `instant`. A range with a date missing changes nothing.
 * One read per type the page shows, for its hiding fields and its dates, whatever the number of rows.
 */
const validitiesOf = async (
  strapi: Core.Strapi,
  rootUid: string,
  rows: Array<{ documentId: string; references: Map<string, Set<string>> }>,
  instant: number
): Promise<Validity[]> => {
  const { calendarTypes } = readModelSettings(strapi);
  // What each row reads, per type: the documents it shows of that type (a range), or those it shows
  // hidden (their hiding fields).
  const needs = rows.map(({ documentId, references }) => {
    const shown = new Map([...references].map(([uid, ids]) => [uid, new Set(ids)]));
    shown.set(rootUid, (shown.get(rootUid) ?? new Set()).add(documentId));
    let everyMidnight = false;
    const reads: Array<{ uid: string; wanted: Set<string>; hidden: Set<string>; hiding: string[]; range?: CalendarRange }> = [];
    for (const [uid, ids] of shown) {
      if (uid === FILE_UID || ids.size === 0) continue;
      // The row's own hiding fields are its visibility columns, not part of its validity.
      const hidden = references.get(uid) ?? new Set<string>();
      const hiding = hidden.size > 0 ? publicTimeFields(strapi, uid).hiding : [];
      const range = calendarRangeOf(strapi, uid);
      if (calendarTypes.includes(uid) && !range) everyMidnight = true;
      if (hiding.length === 0 && !range) continue;
      reads.push({ uid, wanted: range ? ids : hidden, hidden, hiding, range });
    }
    return { everyMidnight, reads };
  });

  const wantedByType = new Map<string, Set<string>>();
  for (const { reads } of needs)
    for (const { uid, wanted } of reads) for (const id of wanted) wantedByType.set(uid, (wantedByType.get(uid) ?? new Set()).add(id));
  const published = new Map<string, Map<string, Entity[]>>();
  for (const [uid, ids] of wantedByType) {
    const range = calendarRangeOf(strapi, uid);
    const fields = [...new Set([...publicTimeFields(strapi, uid).hiding, ...(range ? [range.from, range.to] : [])])];
    const found = (await strapi.db.query(uid).findMany({
      select: ['documentId', ...fields],
      where: { documentId: { $in: [...ids] }, publishedAt: { $notNull: true } },
    })) as Entity[];
    const byDocument = new Map<string, Entity[]>();
    for (const row of found) byDocument.set(row.documentId as string, (byDocument.get(row.documentId as string) ?? []).concat(row));
    published.set(uid, byDocument);
  }

  return needs.map(({ everyMidnight: midnights, reads }) => {
    let everyMidnight = midnights;
    const instants: number[] = [];
    for (const { uid, wanted, hidden, hiding, range } of reads) {
      for (const id of wanted) {
        for (const row of published.get(uid)?.get(id) ?? []) {
          if (hidden.has(id)) for (const field of hiding) instants.push(toTime(row[field]) ?? -Infinity);
          if (!range) continue;
          const days = rangeDays(row, range);
          if (days === 'not-days') everyMidnight = true;
          else if (days !== 'missing')
            instants.push(zonedMidnight(days.from, siteTimezone()).getTime(), zonedMidnight(dayAfter(days.to), siteTimezone()).getTime());
        }
      }
    }
    if (everyMidnight) {
      const { last, next } = localMidnightsAround(new Date(instant));
      instants.push(last, next);
    }
    const future = instants.filter((time) => time > instant);
    const past = instants.filter((time) => time <= instant && Number.isFinite(time));
    return { from: past.length > 0 ? Math.max(...past) : null, until: future.length > 0 ? Math.min(...future) : null };
  });
};

export type ComputedRow = { row: StoredRow; references: Map<string, Set<string>> };

/**
 * Published entries' rows as of now, in their order. A document not yet visible stores no answer,
 * only the instant it becomes visible (then its row is out of date, and the next read computes it).
 * The others are computed a page of one locale at a time: one list action, one read of their links,
 * one of the dates that bound their validity and one of their other locales, instead of one detail each.
 */
export const computeRows = async (strapi: Core.Strapi, uid: string, entries: PublishedEntry[]): Promise<ComputedRow[]> => {
  const instant = now().getTime();
  const { fields } = publicTimeFields(strapi, uid);
  const mediaBaseUrl = configuredBaseUrl(strapi);
  const range = calendarRangeOf(strapi, uid);
  const rows = new Array<ComputedRow>(entries.length);
  const toCompute = new Map<string, Array<{ index: number; entry: PublishedEntry; base: StoredRow }>>();
  entries.forEach((entry, index) => {
    const embargoUntil = fields.embargo ? toTime(entry[fields.embargo]) : null;
    const visibleFrom = fields.schedule ? toTime(entry[fields.schedule]) : null;
    const hiddenUntil = Math.max(embargoUntil ?? -Infinity, visibleFrom ?? -Infinity);
    const base = {
      uid,
      document_id: entry.documentId,
      locale: entry.locale,
      entry_id: entry.id,
      slug: typeof entry.slug === 'string' ? entry.slug : null,
      site_type: siteTypeOf(uid),
      kind: typeof entry.kind === 'string' ? entry.kind : null,
      published_at: toTime(entry.publishedAt),
      entry_updated_at: toTime(entry.updatedAt),
      starts_on: range ? plainDay(entry[range.from]) : null,
      embargo_until: embargoUntil,
      visible_from: visibleFrom,
      media_base_url: mediaBaseUrl,
      updated_at: Date.now(),
      valid_from: null,
      valid_until: hiddenUntil > instant ? hiddenUntil : null,
      data: null,
      entry: null,
      meta: null,
      document_ids: null,
    };
    if (hiddenUntil > instant) rows[index] = { row: base, references: new Map() };
    else toCompute.set(entry.locale, (toCompute.get(entry.locale) ?? []).concat({ index, entry, base }));
  });

  const batchSize = listBatchSize(strapi);
  // Entries only for the types the distribution plugin maps: the others' stay null.
  const projection = entryProjectionOf(strapi);
  const projectingEntries = projection?.covers(uid) ? projection : undefined;
  for (const [locale, pending] of toCompute) {
    for (let start = 0; start < pending.length; start += batchSize) {
      const batch = pending.slice(start, start + batchSize);
      const documentIds = batch.map(({ entry }) => entry.documentId);
      const answers = await publicDataOf(strapi, uid, locale, documentIds);
      const wholes = await wholeDocumentsOf(strapi, uid, locale, documentIds);
      const shown = batch.map(({ entry }) => ({
        documentId: entry.documentId,
        references: referencesIn(strapi, uid, wholes.get(entry.documentId)),
      }));
      const validities = await validitiesOf(strapi, uid, shown, instant);
      const alternatesOf = await findAlternatesOfMany(strapi, uid as UID.ContentType, [...answers.keys()], 'published');
      for (const [position, { index, entry, base }] of batch.entries()) {
        const { references } = shown[position];
        const valid = { valid_from: validities[position].from, valid_until: validities[position].until };
        const data = answers.get(entry.documentId);
        if (!data) {
          rows[index] = { row: { ...base, ...valid }, references };
          continue;
        }
        const meta = await documentMeta(strapi, uid as UID.ContentType, data, {
          served: locale,
          status: 'published',
          mediaBaseUrl,
          knownAlternates: alternatesOf(entry.documentId, locale),
        });
        rows[index] = {
          row: {
            ...base,
            ...valid,
            data: JSON.stringify(data),
            entry: projectingEntries ? JSON.stringify(projectingEntries.project(uid, locale, data)) : null,
            meta: JSON.stringify(meta),
            document_ids: [...documentIdsIn(data)].join(' '),
          },
          references,
        };
      }
    }
  }
  return rows;
};
