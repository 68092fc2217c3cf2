import type { Core } from '@strapi/strapi';

/** The users-permissions roles that receive the list: visitors, and site users who logged in. */
export const READER_ROLE_TYPES = ['public', 'authenticated'] as const;

type Role = { id: number; type: string };

const markerKey = (roleType: string) => `public-permissions::${roleType}`;

/** What this boot changes: actions new to the list are granted, actions dropped from it revoked. */
export const permissionChanges = (wanted: string[], appliedBefore: string[]): { grant: string[]; revoke: string[] } => ({
  grant: wanted.filter((action) => !appliedBefore.includes(action)),
  revoke: appliedBefore.filter((action) => !wanted.includes(action)),
});

/**
 * Grants the reader roles the allow list once per action. The list last applied is kept in the core
 * store, so later boots leave the roles alone: a permission that staff remove in the admin panel stays
 * removed, one they add stays added. Only a change to the list itself (a new release) touches the roles.
 */
export const applyPublicPermissions = async (strapi: Core.Strapi, actions: string[]): Promise<void> => {
  const store = strapi.store({ type: 'plugin', name: 'passerelle' });
  const permissions = strapi.db.query('plugin::users-permissions.permission');

  for (const roleType of READER_ROLE_TYPES) {
    const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } })) as Role | null;
    if (!role) throw new Error(`The users-permissions ${roleType} role is missing.`);

    const appliedBefore = ((await store.get({ key: markerKey(roleType) })) as string[] | null) ?? [];
    const { grant, revoke } = permissionChanges(actions, appliedBefore);
    if (grant.length === 0 && revoke.length === 0) continue;

    const existing = (await permissions.findMany({ where: { role: role.id, action: { $in: grant } }, select: ['action'] })) as Array<{
      action: string;
    }>;
    const present = new Set(existing.map((permission) => permission.action));
    for (const action of grant.filter((a) => !present.has(a))) {
      await permissions.create({ data: { action, role: role.id } });
    }
    if (revoke.length > 0) await permissions.deleteMany({ where: { role: role.id, action: { $in: revoke } } });
    await store.set({ key: markerKey(roleType), value: [...actions] });
  }
};
