import type { Core } from '@strapi/strapi';

/** What anyone may call without a token: reading published content, nothing else. */
export const PUBLIC_READ_ACTIONS = ['find', 'findOne'] as const;
/** Types with a slug also answer `GET /api/<type>/slug/:slug`. */
export const SLUG_READ_ACTION = 'findBySlug';

/** Distribution routes (feeds, sitemap, newsletter digest): public reads that are not one content type's. */
export const DISTRIBUTION_READ_ACTIONS = ['api::feed.feed.find', 'api::sitemap.sitemap.find', 'api::newsletter.newsletter.digest'];

export const publicReadActionsFor = (types: Array<{ uid: string; hasSlug: boolean }>): string[] =>
  types.flatMap(({ uid, hasSlug }) => [...PUBLIC_READ_ACTIONS, ...(hasSlug ? [SLUG_READ_ACTION] : [])].map((action) => `${uid}.${action}`));

/** Grants the Public role read access to every API content type; a second boot finds them and adds nothing. */
export const grantPublicRead = async (strapi: Core.Strapi, extraActions: string[] = []): Promise<void> => {
  const publicRole = (await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } })) as { id: number } | null;
  if (!publicRole) throw new Error('The users-permissions Public role is missing.');

  const apiTypes = Object.keys(strapi.contentTypes)
    .filter((uid) => uid.startsWith('api::'))
    .map((uid) => ({ uid, hasSlug: 'slug' in strapi.contentTypes[uid as keyof typeof strapi.contentTypes].attributes }));
  const wanted = [...publicReadActionsFor(apiTypes), ...DISTRIBUTION_READ_ACTIONS, ...extraActions];
  const existing = (await strapi.db.query('plugin::users-permissions.permission').findMany({
    where: { role: publicRole.id, action: { $in: wanted } },
    select: ['action'],
  })) as Array<{ action: string }>;
  const granted = new Set(existing.map((permission) => permission.action));

  for (const action of wanted.filter((a) => !granted.has(a))) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: publicRole.id } });
  }
};
