import { useServerWithEditor } from '../helpers/api';

type Json = Record<string, unknown>;
type GraphqlResult = { data?: Record<string, Json[]>; errors?: Array<{ message: string }> };
type Model = {
  uid: string;
  kind?: string;
  attributes: Record<string, { type: string; relation?: string; target?: string }>;
  pluginOptions?: { i18n?: { localized?: boolean } };
};

const LATER = '2031-06-01T00:00:00.000Z';

/**
 * A relation field asked plainly is loaded by public-api's own resolver (graphqlRules.ts), not
 * Strapi's: for every relation field of every type, towards a type with a time field, its answer
 * must equal Strapi's own path (the `_connection` field, and the field with an explicit `pagination`,
 * which both take it), at an instant where a linked partner is still scheduled and once it is not.
 */
describe('GraphQL relation fields: the plain load keeps every visibility rule', () => {
  const app = useServerWithEditor({ env: { PASSERELLE_DEMO: 'true' } });
  let scheduledPartner: string;

  const query = async (source: string): Promise<GraphqlResult> =>
    (await app.server.http().post('/graphql').send({ query: source })).body as GraphqlResult;

  /** Every (type, relation field) whose target has a visibility time field, read from the schemas now. */
  const relationFields = () => {
    const { strapi } = app.server;
    const naming = strapi.plugin('graphql').service('utils').naming as Record<string, (model: unknown) => string>;
    const models = Object.values(strapi.contentTypes) as unknown as Model[];
    return models
      .filter((model) => model.uid.startsWith('api::') && model.kind === 'collectionType')
      .flatMap((model) =>
        Object.entries(model.attributes)
          .filter(([, attribute]) => attribute.type === 'relation' && !attribute.relation?.startsWith('morph') && attribute.target)
          .filter(([, attribute]) => {
            const target = strapi.getModel(attribute.target as never) as unknown as Model;
            return attribute.target?.startsWith('api::') && ('visibleFrom' in target.attributes || 'embargoUntil' in target.attributes);
          })
          .map(([name, attribute]) => ({
            root: naming.getFindQueryName(model),
            localized: Boolean(model.pluginOptions?.i18n?.localized),
            name,
            toMany: Boolean(attribute.relation?.endsWith('Many')),
          }))
      );
  };

  const ids = (value: unknown): unknown =>
    Array.isArray(value) ? value.map((item: Json) => item.documentId) : ((value as Json | null)?.documentId ?? null);

  /** Each row's relation, three ways: plainly (our load), with an explicit pagination and as a connection (Strapi's). */
  const readAllWays = async () => {
    const fields = relationFields();
    expect(fields.length).toBeGreaterThan(5);
    const answers: Array<{ field: string; plain: unknown; strapis: unknown[] }> = [];
    for (const field of fields) {
      const args = `(${field.localized ? 'locale: "fr", ' : ''}pagination: { limit: 100 })`;
      const selection = field.toMany
        ? `plain: ${field.name} { documentId } paged: ${field.name}(pagination: { limit: 25 }) { documentId } connection: ${field.name}_connection { nodes { documentId } }`
        : `plain: ${field.name} { documentId }`;
      const result = await query(`{ ${field.root}${args} { documentId ${selection} } }`);
      expect({ field: field.name, errors: result.errors }).toEqual({ field: field.name, errors: undefined });
      for (const row of result.data?.[field.root] ?? []) {
        const strapis = field.toMany ? [ids(row.paged), ids((row.connection as Json).nodes)] : [];
        answers.push({ field: `${field.root}.${field.name} of ${String(row.documentId)}`, plain: ids(row.plain), strapis });
      }
    }
    return answers;
  };

  beforeAll(async () => {
    app.server.setNow('2031-03-01T12:00:00.000Z');
    const partner = await app.editor.create(
      'partners',
      { name: 'Partenaire programmé', kind: 'company', visibleFrom: LATER },
      { locale: 'fr', status: 'published' }
    );
    expect(partner.status).toBe(201);
    scheduledPartner = partner.body.data.documentId;
    const article = await app.editor.create(
      'articles',
      { title: 'Article avec un partenaire programmé', kind: 'news', partners: [scheduledPartner] },
      { locale: 'fr', status: 'published' }
    );
    expect(article.status).toBe(201);
    const person = await app.editor.create(
      'people',
      { name: 'Salariée du partenaire programmé', isPressContact: false, organisation: scheduledPartner },
      { locale: 'fr', status: 'published' }
    );
    expect(person.status).toBe(201);
  });

  it('before the schedule: the partner is in no relation, and every plain relation equals Strapi’s own path', async () => {
    const answers = await readAllWays();
    expect(answers.filter(({ plain }) => JSON.stringify(plain).includes(scheduledPartner)).map(({ field }) => field)).toEqual([]);
    for (const { field, plain, strapis } of answers)
      for (const other of strapis) expect({ field, ids: plain }).toEqual({ field, ids: other });
  });

  it('at the schedule: the partner shows in the plain fields, to-one and to-many, as in Strapi’s path', async () => {
    app.server.setNow(LATER);
    const answers = await readAllWays();
    const showing = answers.filter(({ plain }) => JSON.stringify(plain).includes(scheduledPartner)).map(({ field }) => field.split(' ')[0]);
    expect(showing).toEqual(expect.arrayContaining(['articles.partners', 'people.organisation']));
    for (const { field, plain, strapis } of answers)
      for (const other of strapis) expect({ field, ids: plain }).toEqual({ field, ids: other });
  });
});
