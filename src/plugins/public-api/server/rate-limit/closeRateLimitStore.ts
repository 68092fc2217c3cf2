import type { Core } from '@strapi/strapi';
import type { LimiterStore } from './createLimiter';

const stores = new WeakMap<Core.Strapi, LimiterStore>();

/** Remembers the instance's counter store, so that stopping Strapi also closes its Redis connection. */
export const keepRateLimitStore = (strapi: Core.Strapi, store: LimiterStore): LimiterStore => {
  stores.set(strapi, store);
  return store;
};

/** Called from the app's `destroy`: an open Redis connection would keep the process alive. */
export const closeRateLimitStore = async (strapi: Core.Strapi): Promise<void> => {
  await stores.get(strapi)?.close();
  stores.delete(strapi);
};
