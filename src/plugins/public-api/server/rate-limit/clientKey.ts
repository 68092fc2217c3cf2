/** Paths of the public API that the limit covers; the admin panel has its own login limits. */
export const isLimitedPath = (path: string): boolean =>
  path === '/api' || path.startsWith('/api/') || path === '/graphql' || path.startsWith('/graphql/');

/**
 * Anonymous requests and requests that present credentials are counted apart, so staff integrations
 * are never held back by anonymous traffic from the same address.
 */
export const clientKey = (ip: string, presentsCredentials: boolean): string => `${presentsCredentials ? 'credentials' : 'anonymous'}:${ip}`;
