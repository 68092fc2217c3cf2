import type { Core } from '@strapi/strapi';
import { PUBLIC_READER, type Filter, type ReaderAccess, type TimeFields } from './readerAccess';

/**
 * What the visibility plugin serves as `plugin::visibility.rules`, for the surfaces of other plugins
 * that read around the Document Service (the sitemap's counts, GraphQL relations) or date what
 * became public (feeds, digest, search).
 */
export type VisibilityService = {
  /** What a request may read (the current one when none is given): embargoed releases, drafts. */
  readerAccess(request?: unknown): ReaderAccess;
  /** The time fields that hold a document of this type back, as configured. */
  timeFieldsOf(uid: string, attributes: Record<string, unknown>): TimeFields;
  /** Every time field configured, embargo first: for entries whose type is not at hand. */
  allTimeFieldNames(): string[];
  /** A filter keeping what this reader may see of a type at `now`; undefined when nothing of it is held back. */
  filterFor(uid: string, attributes: Record<string, unknown>, now: Date, access: ReaderAccess): Filter | undefined;
  /**
   * Refuses (400 naming the field) `filters` and `sort` that reach through a relation or name a private
   * field, for a query the Document Service does not rewrite (GraphQL's relation fields).
   */
  checkRelationQuery(uid: string, query: { filters?: unknown; sort?: unknown }, now: Date, access: ReaderAccess): Promise<void>;
  /** The configured fields of a type that the public never sees unless its `publicWhen` field is true. */
  privateFieldsOf(uid: string): PrivateFields | undefined;
};

export type PrivateFields = { fields: ReadonlySet<string>; publicWhen: string };

/**
 * An app that does not enable the visibility plugin has configured no embargo, schedule or private
 * field (the plugin's configuration is where they are declared), and no reader is given drafts: every
 * surface serves the published versions, as Strapi's Content API does. Passerelle enables it
 * (config/plugins.ts); tests/api/plugins-in-another-app.test.ts boots an app without it.
 */
const NO_RULES: VisibilityService = {
  readerAccess: () => PUBLIC_READER,
  timeFieldsOf: () => ({}),
  allTimeFieldNames: () => [],
  filterFor: () => undefined,
  checkRelationQuery: () => Promise.resolve(),
  privateFieldsOf: () => undefined,
};

/** The visibility rule as configured, through the plugin's service; no rule when the plugin is not enabled. */
export const visibilityOf = (strapi: Core.Strapi): VisibilityService =>
  strapi.plugin('visibility')?.service<VisibilityService>('rules') ?? NO_RULES;
