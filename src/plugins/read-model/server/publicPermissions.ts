import type { Core } from '@strapi/strapi';
import { stateOf } from './pluginState';

const PERMISSION_UID = 'plugin::users-permissions.permission';

/**
 * True when the Public role holds every one of `actions` (what Strapi's users-permissions strategy
 * checks before a route with those scopes runs, for a request with no credentials). The role's
 * actions are read once per epoch of the model: a permission or role write marks the model out of
 * date in its own transaction (keepInStep.ts), which counts the epoch up, so nothing is served on
 * what was remembered before it.
 */
export const publicRoleHolds = async (strapi: Core.Strapi, epoch: number, actions: readonly string[]): Promise<boolean> => {
  if (actions.length === 0) return true;
  const state = stateOf(strapi);
  let known = state.publicActions;
  if (known?.epoch !== epoch) {
    const rows = (await strapi.db.query(PERMISSION_UID).findMany({ select: ['action'], where: { role: { type: 'public' } } })) as Array<{
      action: string;
    }>;
    known = { epoch, actions: new Set(rows.map((row) => row.action)) };
    state.publicActions = known;
  }
  const held = known.actions;
  return actions.every((action) => held.has(action));
};
