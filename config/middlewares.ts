import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import { corsPolicy } from '../src/config/corsPolicy';
import { mediaOrigin, uploadProviderConfig } from '../src/plugins/press-media/server/media/objectStorage';
import site from './site';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => {
  const cors = corsPolicy({
    configured: env.array('CORS_ORIGINS', []).map(String),
    siteUrl: site({ env }).url,
    publicUrl: env('PUBLIC_URL', ''),
  });
  // With media in a bucket, the admin panel shows images and videos from the bucket's (or CDN's) origin.
  const media = mediaOrigin(uploadProviderConfig(env).providerOptions);
  const security = media
    ? {
        name: 'strapi::security',
        config: {
          contentSecurityPolicy: {
            useDefaults: true,
            directives: {
              ...CSP_DEFAULTS,
              'img-src': [...CSP_DEFAULTS['img-src'], media],
              'media-src': [...CSP_DEFAULTS['media-src'], media],
              upgradeInsecureRequests: null,
            },
          },
        },
      }
    : 'strapi::security';
  return [
    'strapi::logger',
    'strapi::errors',
    // Turns query-shape mistakes that Strapi reports as plain errors into 400s.
    'plugin::public-api.query-errors',
    security,
    {
      name: 'strapi::cors',
      config: {
        origin: cors.origins,
        // @koa/cors 5 (under Strapi 5.54's strapi::cors) takes a function here: credentials for the admin's origin only.
        credentials: ((ctx: { get: (header: string) => string }) => cors.allowsCredentials(ctx.get('Origin'))) as unknown as boolean,
      },
    },
    // Per-client limit on /api and /graphql, 429 with Retry-After (config/rateLimit.ts).
    'plugin::public-api.rate-limit',
    // A repeated anonymous public GET is answered here from the stored copy, before body parsing
    // and the router (stored by http-cache below; the rate limit above still counts it).
    'plugin::response-cache.serve-cached',
    // No strapi::poweredBy: the X-Powered-By header only tells an attacker what runs here.
    'strapi::query',
    // A 400 for a field name every object inherits (`fields=valueOf`), which Strapi's checks let through.
    'plugin::public-api.query-names',
    // Serves /sitemap.xml through its Content API route (/api/sitemap.xml), before the HTTP cache keys it.
    'plugin::distribution.site-root-paths',
    // ETag, Cache-Control and 304 for public reads, and the stored copies (after the router has answered).
    'plugin::response-cache.http-cache',
    // meta.translation on detail reads, inside the HTTP cache so the ETag covers it.
    'plugin::translation-status.translation-meta',
    // A public read the read model holds is answered here, without the router's auth, policies and
    // query checks (the Public role's grant is checked by the plugin); inside the two above, like the
    // router. Before body parsing and static files, which a stored GET does not need (about a
    // tenth of its CPU) and which set no header on its answer (tests/api/read-model-early-answers.test.ts).
    'plugin::read-model.serve-stored',
    'strapi::body',
    // Not where it stands: Strapi's factory (5.54, core/dist/middlewares/session.js) adds koa-session
    // itself as it loads, ahead of every middleware here. Without a session cookie it only checks that
    // nothing was written (a cached slug took the same CPU without it, 7 December).
    'strapi::session',
    'strapi::favicon',
    // Media files that are not images are served as downloads (Content-Disposition: attachment).
    'plugin::press-media.upload-disposition',
    'strapi::public',
    // No first-admin registration in production without ADMIN_BOOTSTRAP (config/access.ts).
    'plugin::public-api.admin-registration',
    // The OpenAPI documentation: public, admins only, or off (DOCUMENTATION_ACCESS).
    'plugin::public-api.documentation-access',
  ];
};

export default config;
