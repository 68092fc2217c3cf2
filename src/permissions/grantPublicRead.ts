import type { Core } from '@strapi/strapi';

/** What anyone may call without a token: reading published content, nothing else. */
export const PUBLIC_READ_ACTIONS = ['find', 'findOne'] as const;

export const publicReadActionsFor = (uids: string[]): string[] =>
  uids.flatMap((uid) => PUBLIC_READ_ACTIONS.map((action) => `${uid}.${action}`));

/** Grants the Public role read access to every API content type; a second boot finds them and adds nothing. */
export const grantPublicRead = async (strapi: Core.Strapi, extraActions: string[] = []): Promise<void> => {
  const publicRole = (await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } })) as { id: number } | null;
  if (!publicRole) throw new Error('The users-permissions Public role is missing.');

  const apiUids = Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::'));
  const wanted = [...publicReadActionsFor(apiUids), ...extraActions];
  const existing = (await strapi.db.query('plugin::users-permissions.permission').findMany({
    where: { role: publicRole.id, action: { $in: wanted } },
    select: ['action'],
  })) as Array<{ action: string }>;
  const granted = new Set(existing.map((permission) => permission.action));

  for (const action of wanted.filter((a) => !granted.has(a))) {
    await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: publicRole.id } });
  }
};
