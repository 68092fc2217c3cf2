import type { Core } from '@strapi/strapi';
import { contentVersionService } from '../../../../lib/cache/responseCache';
import { inTransaction, usersPermissionsService } from '../strapiInternals';

/**
 * The Public role's permissions, read once per content version instead of on every request without
 * a token (users-permissions reads them with a join of three tables, then Strapi builds the reader's
 * ability from them). A role or permission write moves the version, on every instance before the
 * write is acknowledged (the response cache's guarantee), so the next request reads them again.
 * Without the response-cache plugin, which keeps the version, they are read each time.
 */
export const rememberPublicPermissions = (strapi: Core.Strapi): void => {
  const service = usersPermissionsService(strapi);
  if (!service || !contentVersionService(strapi)) return;
  const read = service.findPublicPermissions.bind(service);
  let remembered: { version: string; permissions: Promise<unknown[]> } | undefined;
  service.findPublicPermissions = async () => {
    const versions = contentVersionService(strapi);
    // Inside a write (the read model computes rows as the Public, in the write's transaction): read them
    // there. The version would be read on another connection, which a pool held by concurrent writes may
    // never give (a timeout, then the Public refused), and the write may be changing the permissions.
    if (!versions || inTransaction(strapi)) return read();
    const version = await versions.current();
    if (remembered?.version !== version) {
      const reading = { version, permissions: read() };
      remembered = reading;
      // A failed read is not remembered: the next request tries again.
      reading.permissions.catch(() => {
        if (remembered === reading) remembered = undefined;
      });
    }
    return remembered.permissions;
  };
};
