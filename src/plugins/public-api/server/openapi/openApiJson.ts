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

const TORN_READ_RETRIES = 20;
const TORN_READ_PAUSE_MS = 50;

/**
 * The document's text, whole. Every instance sharing the app's folder (several workers, a test run's
 * parallel apps) writes the file again when it boots, truncating it first: a read at that moment gets
 * a part of it. Such a read does not parse, and is read again once the writer is done.
 */
const wholeDocument = async (file: string): Promise<string | undefined> => {
  for (let attempt = 0; attempt < TORN_READ_RETRIES; attempt += 1) {
    const text = await fs.promises.readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      try {
        JSON.parse(text);
        return text;
      } catch {
        // Being written: read it again.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, TORN_READ_PAUSE_MS));
  }
  return undefined;
};

const serveOpenApiJson = async (ctx: Context) => {
  const { major, minor, patch } = ctx.params as Record<string, string | undefined>;
  const service = strapi.plugin('documentation').service<{ getDocumentationVersion(): string }>('documentation');
  const version = major && minor && patch ? `${major}.${minor}.${patch}` : service.getDocumentationVersion();
  const file = documentFile(strapi, version);
  if (!fs.existsSync(file)) {
    ctx.notFound(`No OpenAPI document for version ${version}`);
    return;
  }
  const text = await wholeDocument(file);
  if (text === undefined) {
    ctx.status = 503;
    ctx.set('Retry-After', '1');
    ctx.body = {
      data: null,
      error: { status: 503, name: 'ServiceUnavailableError', message: 'The OpenAPI document is being written', details: {} },
    };
    return;
  }
  ctx.type = 'application/vnd.oai.openapi+json; charset=utf-8';
  ctx.set('Cache-Control', 'no-cache');
  ctx.body = text;
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
