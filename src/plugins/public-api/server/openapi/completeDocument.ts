import { PUBLIC_OR_TOKEN, type Json } from '../../../../lib/openapi/openApiPieces';

/** The locales the app serves and its default: what every `locale` parameter lists, and its example. */
export type DocumentedLocales = { codes: string[]; defaultLocale: string };

/**
 * Brings the documentation plugin's generated document (5.54.0) in line with what the API answers.
 * Runs as its `mutateDocumentation` hook, on the whole document once the overrides are merged.
 *
 * - Response schemas: any attribute may come back `null` (an optional field left empty, a required
 *   one in a draft) or be left out (`fields`, `populate`), so none is `required` and all are nullable.
 *   `$ref`s become `allOf: [$ref]` with `nullable`, the OpenAPI 3.0 spelling of a nullable reference.
 *   An email is any text: Strapi checks its format only at publication, and a saved draft answers
 *   what it holds.
 * - List metadata: the plugin writes `pageSize.minimum: 25` and `pageCount.maximum: 1`, which any
 *   real page contradicts.
 * - A create answers 201.
 * - Reads of content types are public (Public role); a token may see more, so auth is optional.
 * - `locale` lists the locales the app serves, with its default locale as the example.
 */
type Schema = Json & { properties?: Record<string, Schema>; items?: Schema; required?: string[]; $ref?: string; type?: string };
type Operation = Json & {
  parameters?: Array<Json & { name: string; schema?: Json }>;
  security?: unknown;
  responses?: Record<string, Json>;
};
type Document = Json & {
  info: Json;
  paths: Record<string, Record<string, Operation> & { servers?: unknown }>;
  components: { schemas: Record<string, Schema> };
};

const NEVER_NULL = new Set(['id', 'documentId']);

const nullable = (schema: Schema): Schema => {
  if (schema.$ref) return { allOf: [{ $ref: schema.$ref }], nullable: true };
  if (Object.keys(schema).length === 0) return schema;
  return { ...schema, nullable: true };
};

const looseResponse = (schema: Schema): Schema => {
  const out: Schema = { ...schema };
  // The upload plugin writes `type: number, format: integer` for integers.
  if (out.format === 'integer') {
    out.type = 'integer';
    delete out.format;
  }
  // Strapi's entity validator skips an email's format for a draft (5.54.0, `emailValidator`).
  if (out.format === 'email') delete out.format;
  if (out.items) out.items = looseResponse(out.items);
  if (out.properties) {
    delete out.required;
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([name, property]) => [
        name,
        NEVER_NULL.has(name) ? looseResponse(property) : nullable(looseResponse(property)),
      ])
    );
  }
  return out;
};

/** The entity and component schemas the plugin generates for responses (not `…Request`, not ours). */
const isGeneratedResponseSchema = (name: string) =>
  !name.endsWith('Request') &&
  !name.endsWith('ListResponse') &&
  !name.endsWith('Response') &&
  name !== 'Error' &&
  !name.startsWith('Passerelle');

export const completeDocument = (draft: Document, contentApiPaths: string[], locales: DocumentedLocales): void => {
  const localeSchema: Json = { type: 'string', enum: locales.codes, example: locales.defaultLocale };
  draft.info.title = 'Passerelle Content API';
  for (const [name, schema] of Object.entries(draft.components.schemas)) {
    if (isGeneratedResponseSchema(name)) draft.components.schemas[name] = looseResponse(schema);
    // The upload plugin describes an image's `formats` (one file per breakpoint) as a number.
    const properties = draft.components.schemas[name].properties;
    if (name === 'UploadFile' && properties?.formats) properties.formats = { type: 'object', nullable: true };
    const pagination = schema.properties?.meta?.properties?.pagination?.properties;
    if (pagination) {
      for (const field of Object.values(pagination)) {
        delete field.minimum;
        delete field.maximum;
      }
    }
  }
  for (const [path, item] of Object.entries(draft.paths)) {
    delete item.servers;
    // Strapi 5 answers a create with 201; the plugin documents only 200.
    const create = item.post?.responses;
    if (path === '/upload?id={id}' && create?.['200']) {
      // Updating a file's information answers that one file, not a list.
      create['200'] = {
        description: 'The updated file',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/UploadFile' } } },
      };
    } else if (create?.['200'] && !create['201']) create['201'] = { ...create['200'], description: 'Created' };
    const read = item.get;
    if (!read) continue;
    for (const parameter of read.parameters ?? []) if (parameter.name === 'locale') parameter.schema = { ...localeSchema };
    if (contentApiPaths.some((prefix) => path === prefix || path === `${prefix}/{id}`)) read.security = PUBLIC_OR_TOKEN;
  }
};

/**
 * The `mutateDocumentation` hook for config/plugins.ts, given the app's locales (the app owns them: it
 * creates them in i18n at boot, after the documentation plugin has generated); reads the content types
 * when the plugin generates.
 */
export const documentationMutator =
  (locales: () => DocumentedLocales) =>
  (draft: unknown): void => {
    type ContentType = { uid: string; kind: string; info: { singularName: string; pluralName: string } };
    const types = Object.values((strapi.contentTypes ?? {}) as unknown as Record<string, ContentType>);
    const paths = types
      .filter((type) => type.uid.startsWith('api::'))
      .map((type) => `/${type.kind === 'singleType' ? type.info.singularName : type.info.pluralName}`);
    completeDocument(draft as Document, paths, locales());
  };
