import { errors } from '@strapi/utils';
import type { Core } from '@strapi/strapi';

/** Who may see the OpenAPI documentation: `access.documentation` in the app's config/access.ts. */
export const DOCUMENTATION_ACCESS = ['public', 'admin', 'off'] as const;
export type DocumentationAccess = (typeof DOCUMENTATION_ACCESS)[number];

/**
 * Where OpenAPI documents are served: the documentation plugin's pages, and Strapi's own document
 * route (`server.openapi`, default path `/openapi.json` under the REST prefix, checked against 5.54.0).
 */
export const documentationPaths = (restPrefix: string): string[] => ['/documentation', `${restPrefix.replace(/\/+$/, '')}/openapi.json`];

const isUnder = (path: string, prefixes: string[]): boolean => prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

type AdminSessionManager = {
  validateAccessToken: (token: string) => { isValid: boolean; payload?: { userId: string; sessionId: string } };
  isSessionActive: (sessionId: string) => Promise<boolean>;
};

/**
 * True when the request carries a valid admin access token of an active session and user, as the
 * admin panel sends (`Authorization: Bearer`). The same checks as Strapi's own `admin` strategy,
 * through `strapi.sessionManager`, checked against Strapi 5.54.0 (the strategy itself is not exposed).
 */
const isAdminRequest = async (strapi: Core.Strapi, authorization: string | undefined): Promise<boolean> => {
  const [scheme, token, ...rest] = (authorization ?? '').trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) return false;
  const sessions = (strapi as unknown as { sessionManager?: (origin: 'admin') => AdminSessionManager }).sessionManager?.('admin');
  if (!sessions) return false;
  const { isValid, payload } = sessions.validateAccessToken(token);
  if (!isValid || !payload || !(await sessions.isSessionActive(payload.sessionId))) return false;
  const user = (await strapi.db.query('admin::user').findOne({ where: { id: payload.userId }, select: ['isActive'] })) as {
    isActive?: boolean;
  } | null;
  return user?.isActive === true;
};

/**
 * Serves the documentation to everyone (`public`), to logged-in admins only (`admin`), or to nobody
 * (`off`, a 404 as if it did not exist). The plugin stays loaded either way, so the document can still
 * be generated.
 */
const documentationAccess: Core.MiddlewareFactory = (_config, { strapi }) => {
  const paths = documentationPaths(strapi.config.get<string>('api.rest.prefix', '/api'));
  return async (ctx, next) => {
    if (!isUnder(ctx.path, paths)) {
      await next();
      return;
    }
    const access = strapi.config.get<DocumentationAccess>('access.documentation', 'public');
    if (access === 'off') throw new errors.NotFoundError('Not Found');
    if (access === 'admin' && !(await isAdminRequest(strapi, ctx.get('Authorization')))) {
      throw new errors.UnauthorizedError('The documentation needs an admin login (Authorization: Bearer <admin access token>).');
    }
    await next();
  };
};

export default documentationAccess;
