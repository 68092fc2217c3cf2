import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];
type Route = { method: string; path: string; handler: string; config?: Record<string, unknown> };
type DocumentationPlugin = { routes: Route[]; controllers: Record<string, Record<string, unknown>> };

export const OPENAPI_JSON_PATHS = ['/openapi.json', '/v:major(\\d+).:minor(\\d+).:patch(\\d+)/openapi.json'];

/** The generated document of a version, where the plugin's own Swagger page reads it (5.54.0 `controllers/documentation.js`). */
const documentFile = (strapi: Core.Strapi, version: string) => {
  const extensionsDir = strapi.config.get('environment') === 'production' ? strapi.dirs.dist.extensions : strapi.dirs.app.extensions;
  return path.join(extensionsDir, 'documentation', 'documentation', version, 'full_documentation.json');
};

const serveOpenApiJson = (ctx: Context) => {
  const { major, minor, patch } = ctx.params as Record<string, string | undefined>;
  const service = strapi.plugin('documentation').service<{ getDocumentationVersion(): string }>('documentation');
  const version = major && minor && patch ? `${major}.${minor}.${patch}` : service.getDocumentationVersion();
  const file = documentFile(strapi, version);
  if (!fs.existsSync(file)) {
    ctx.notFound(`No OpenAPI document for version ${version}`);
    return;
  }
  ctx.type = 'application/vnd.oai.openapi+json; charset=utf-8';
  ctx.set('Cache-Control', 'no-cache');
  ctx.body = fs.createReadStream(file);
};

/**
 * Serves the OpenAPI document as JSON at `/documentation/openapi.json` (and per version), for
 * client generators and linters. The routes take the Swagger page's own route config (its access
 * middleware, and any rule added to it), so the JSON is exactly as reachable as the page.
 */
export const addOpenApiJsonRoutes = (plugin: DocumentationPlugin): DocumentationPlugin => {
  const page = plugin.routes.find((route) => route.method === 'GET' && route.handler === 'documentation.index');
  plugin.controllers.documentation = { ...plugin.controllers.documentation, openapiJson: serveOpenApiJson };
  for (const routePath of OPENAPI_JSON_PATHS) {
    plugin.routes.push({ method: 'GET', path: routePath, handler: 'documentation.openapiJson', config: page?.config ?? { auth: false } });
  }
  return plugin;
};
