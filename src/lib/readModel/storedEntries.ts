import type { Core } from '@strapi/strapi';

/**
 * One published version as the feeds' and the digest's stored reads answer it (storedReads.ts): the
 * distribution plugin's public entry, computed when the row was and stored beside its answer (null
 * when the document has none: no page on the site, no title or no date), with the instant the
 * version became visible (from the row's columns), which orders and bounds the digest's reads.
 */
export type StoredEntry = { documentId: string; visibleSince: number | null; entry: Record<string, unknown> | null };

/**
 * What the distribution plugin serves as `plugin::distribution.stored-entries`: whether it has an
 * entry for a type (`covers`), the entry of one published version from its public `data` (the REST
 * shape with default population; null when it has none), and a text that changes whenever what
 * `project` answers for the same data would (mappings, time zone, time fields), so that the model is
 * rebuilt then.
 */
export type EntryProjection = {
  fingerprint(): string;
  covers(uid: string): boolean;
  project(uid: string, locale: string, data: Record<string, unknown>): Record<string, unknown> | null;
};

/** The projection of stored entries, when the distribution plugin is enabled. */
export const entryProjectionOf = (strapi: Core.Strapi): EntryProjection | undefined =>
  strapi.plugin('distribution')?.service<EntryProjection>('stored-entries');
