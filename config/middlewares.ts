import type { Core } from '@strapi/strapi';
import { corsPolicy } from '../src/config/corsPolicy';
import site from './site';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => {
  const cors = corsPolicy({
    configured: env.array('CORS_ORIGINS', []).map(String),
    siteUrl: site({ env }).url,
    publicUrl: env('PUBLIC_URL', ''),
  });
  return [
    'strapi::logger',
    'strapi::errors',
    // Turns query-shape mistakes that Strapi reports as plain errors into 400s.
    'plugin::public-api.query-errors',
    'strapi::security',
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
    // No strapi::poweredBy: the X-Powered-By header only tells an attacker what runs here.
    'strapi::query',
    'strapi::body',
    'strapi::session',
    'strapi::favicon',
    // Media files that are not images are served as downloads (Content-Disposition: attachment).
    'plugin::press-media.upload-disposition',
    'strapi::public',
    // The OpenAPI documentation: public, admins only, or off (DOCUMENTATION_ACCESS).
    'plugin::public-api.documentation-access',
    // Serves /sitemap.xml through its Content API route (/api/sitemap.xml).
    'plugin::distribution.site-root-paths',
    // ETag, Cache-Control and 304 for public reads (after the router has answered).
    'plugin::response-cache.http-cache',
  ];
};

export default config;
