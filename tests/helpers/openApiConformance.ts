import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Core } from '@strapi/strapi';

/**
 * Checks a real response against the OpenAPI document the app publishes: the operation for the
 * method and path, the status, the content type, and (for JSON) the body against the schema.
 * Error answers (4xx, 5xx) are checked against Strapi's `Error` schema whether or not the operation
 * lists that status. Used by the shared test HTTP helper, so every API test checks what it receives.
 */
type Json = Record<string, unknown>;
type MediaType = { schema?: Json };
type Operation = { responses?: Record<string, { content?: Record<string, MediaType> }> };
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } };

/** The plugin's document as it would serve it, generated under a version of our own so parallel files never collide. */
export const generateOpenApiDocument = async (strapi: Core.Strapi): Promise<OpenApiDocument | undefined> => {
  const plugin = strapi.plugin('documentation');
  if (!plugin) return undefined;
  const service = plugin.service<{ generateFullDoc(version: string): Promise<void>; getFullDocumentationPath(): string }>('documentation');
  const version = `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await service.generateFullDoc(version);
  const directory = path.join(service.getFullDocumentationPath(), version);
  try {
    return JSON.parse(fs.readFileSync(path.join(directory, 'full_documentation.json'), 'utf8')) as OpenApiDocument;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
};

const ANNOTATIONS = new Set(['example', 'examples', 'xml', 'externalDocs', 'deprecated', 'discriminator', 'readOnly', 'writeOnly']);

/** OpenAPI 3.0 schema → JSON Schema: `nullable: true` becomes "or null"; annotations Ajv does not know are dropped. */
export const toJsonSchema = (node: unknown, isPropertyMap = false): unknown => {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item));
  if (!node || typeof node !== 'object') return node;
  if (isPropertyMap) return Object.fromEntries(Object.entries(node).map(([name, schema]) => [name, toJsonSchema(schema)]));
  const { nullable, ...rest } = node as Json;
  const converted = Object.fromEntries(
    Object.entries(rest)
      .filter(([key]) => !ANNOTATIONS.has(key))
      .map(([key, value]) => [key, toJsonSchema(value, key === 'properties' || key === 'patternProperties')])
  );
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
};

const pathPattern = (template: string) => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);

export type ConformanceCheck = (
  request: { method: string; url: string },
  response: { status: number; headers: Record<string, string>; body: unknown; text?: string }
) => void;

/**
 * Content API routes of Strapi's own plugins that the documentation plugin leaves out of our
 * document, closed to the Public role (see the permission matrix): the schema listing and the
 * locale list; and Strapi's own `/openapi.json`, which serves the document itself.
 */
const UNDOCUMENTED_PATHS = ['/content-type-builder', '/i18n', '/openapi.json'];

export const openApiConformance = (document: OpenApiDocument, apiPrefix = '/api'): ConformanceCheck => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['float', 'double', 'int32', 'int64', 'binary', 'byte']) ajv.addFormat(format, true);
  ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components) as Json });
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (key: string, schema: unknown) => {
    if (!compiled.has(key))
      compiled.set(key, ajv.compile({ $id: `openapi-${compiled.size}`, ...(toJsonSchema(rewriteRefs(schema)) as Json) }));
    return compiled.get(key) as ValidateFunction;
  };
  // Literal paths first, so `/articles/embargoed` wins over `/articles/{id}`.
  const templates = Object.keys(document.paths)
    .map((template) => ({ template, pattern: pathPattern(template), params: (template.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params);

  return ({ method, url }, response) => {
    // CORS preflights are answered by the middleware stack, not by an operation.
    if (method === 'OPTIONS') return;
    const { pathname, search } = new URL(url, 'http://localhost');
    if (UNDOCUMENTED_PATHS.some((prefix) => pathname === `${apiPrefix}${prefix}` || pathname.startsWith(`${apiPrefix}${prefix}/`))) return;
    // Strapi's router is not strict about a trailing slash: `/api/manifesto/` is `/manifesto`.
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    const documentPath = trimmed.startsWith(`${apiPrefix}/`) ? trimmed.slice(apiPrefix.length) : trimmed;
    // The upload plugin documents `/upload?id={id}` as a path of its own.
    const template =
      templates.find((candidate) => candidate.template.includes('?') && candidate.pattern.test(documentPath + search))?.template ??
      templates.find((candidate) => !candidate.template.includes('?') && candidate.pattern.test(documentPath))?.template;
    if (!template) {
      if (pathname.startsWith(`${apiPrefix}/`) && response.status !== 404 && response.status !== 405) {
        throw new Error(`OpenAPI: ${method} ${pathname} answered ${response.status} but the document has no such path`);
      }
      return;
    }
    // HEAD is GET without the body (RFC 9110 §9.3.2): documents list the GET operation only.
    const operation = document.paths[template][method === 'HEAD' ? 'get' : method.toLowerCase()];
    const route = `${method} ${template} → ${response.status}`;
    if (!operation) {
      if (response.status === 404 || response.status === 405) return;
      throw new Error(
        `OpenAPI: ${method} ${pathname} (${template}) answered ${response.status} but the document has no ${method} operation there`
      );
    }
    if (response.status === 304 || method === 'HEAD' || response.status === 204) return;

    const contentType = (response.headers['content-type'] ?? '').split(';')[0].trim();
    const isError = response.status >= 400;
    const documented = operation.responses?.[String(response.status)] ?? operation.responses?.default;
    if (!documented && !isError) throw new Error(`OpenAPI: ${route}: status ${response.status} is not documented for this route`);

    let schema: unknown;
    let schemaKey: string;
    if (isError && contentType === 'application/json') {
      schema = { $ref: '#/components/schemas/Error' };
      schemaKey = 'Error';
    } else if (isError) {
      return;
    } else {
      const content = documented?.content ?? {};
      const media = content[contentType] ?? content['*/*'];
      if (!media) {
        throw new Error(
          `OpenAPI: ${route}: content type "${contentType}" is not documented (documented: ${Object.keys(content).join(', ') || 'none'})`
        );
      }
      if (!contentType.includes('json') || !media.schema) return;
      schema = media.schema;
      schemaKey = `${method} ${template} ${response.status} ${contentType}`;
    }
    const validate = validatorOf(schemaKey, schema);
    if (!validate(jsonBody(response))) {
      const details = (validate.errors ?? [])
        .slice(0, 8)
        .map((error) => `  ${error.instancePath || '(body)'} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`)
        .join('\n');
      throw new Error(
        `OpenAPI: ${route} (${pathname}): the body does not match the documented schema${isError ? ' (Strapi error format)' : ''}:\n${details}`
      );
    }
  };
};

/** superagent parses `application/json` only; `application/feed+json` arrives as text or a Buffer. */
const jsonBody = (response: { body: unknown; text?: string }): unknown => {
  const { body, text } = response;
  if (Buffer.isBuffer(body)) return JSON.parse(body.toString('utf8'));
  if (typeof body === 'string') return JSON.parse(body);
  const unparsed =
    body && typeof body === 'object' && Object.keys(body).length === 0 && typeof text === 'string' && text.trim().startsWith('{');
  return unparsed ? JSON.parse(text) : body;
};

/** `#/components/...` inside an operation's schema points into the document registered as `openapi`. */
const rewriteRefs = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `openapi${value}` : rewriteRefs(value),
    ])
  );
};
