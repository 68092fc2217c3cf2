import type { Core, UID } from '@strapi/strapi';
import type { DistributionConfig, EntryMapping } from './config';

const fieldsOf = (mapping: EntryMapping): Array<[string, string | undefined]> => [
  ['title', mapping.title],
  ['summary', mapping.summary],
  ['image', mapping.image],
  ['date', mapping.date],
  ['kind.field', mapping.kind?.field],
  ['categories.field', mapping.categories?.field],
  ['author', mapping.author],
  ['source.field', mapping.source?.field],
  ['source.originalUrl', mapping.source?.originalUrl],
  ['startDate', mapping.startDate],
  ['endDate', mapping.endDate],
];

/**
 * The configuration names types and fields the app must have; once the content types are loaded, a
 * missing one stops the boot with its key (`entries.api::post.post.summary: no field "lede"…`) rather
 * than failing on the first feed request.
 */
export const configuredTypeProblems = (strapi: Core.Strapi, config: DistributionConfig): string[] => {
  const attributesOf = (uid: string) =>
    (strapi.contentTypes[uid as UID.ContentType]?.attributes ?? undefined) as Record<string, unknown> | undefined;
  const problems: string[] = [];
  const requireType = (key: string, uid: string) => {
    if (!attributesOf(uid)) problems.push(`${key}: no content type ${uid}`);
  };
  for (const [uid, mapping] of Object.entries(config.entries)) {
    const attributes = attributesOf(uid);
    if (!attributes) {
      problems.push(`entries.${uid}: no content type ${uid}`);
      continue;
    }
    for (const [key, field] of fieldsOf(mapping)) {
      if (field && !(field in attributes)) problems.push(`entries.${uid}.${key}: ${uid} has no field "${field}"`);
    }
  }
  for (const [name, section] of Object.entries(config.digest.sections)) {
    requireType(`digest.sections.${name}.type`, section.type);
    const attributes = attributesOf(section.type);
    if (attributes && section.upcoming && !(section.upcoming.field in attributes)) {
      problems.push(`digest.sections.${name}.upcoming.field: ${section.type} has no field "${section.upcoming.field}"`);
    }
  }
  for (const uid of Object.keys(config.jsonLd)) requireType(`jsonLd.${uid}`, uid);
  return problems;
};

export const checkConfiguredTypes = (strapi: Core.Strapi, config: DistributionConfig): void => {
  const problems = configuredTypeProblems(strapi, config);
  if (problems.length > 0) throw new Error(`Error regarding distribution config: ${problems.join('; ')}`);
};
