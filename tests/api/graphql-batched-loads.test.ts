import fc from 'fast-check';
import type { Core } from '@strapi/strapi';
import { createFullAccessToken } from '../helpers/api';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import type { TestServer } from '../helpers/strapi';
import { makeJpeg, uploadImage } from '../helpers/images';

type Json = Record<string, unknown>;
type Attribute = {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  multiple?: boolean;
  private?: boolean;
};
type Model = { uid: string; kind?: string; attributes: Record<string, Attribute>; pluginOptions?: { i18n?: { localized?: boolean } } };
type GraphqlResult = { data?: Json; errors?: Array<{ message: string }> };

/** A field GraphQL resolves by loading it from its parent: a relation, a component or a media field. */
type LoadedField = { name: string; toMany: boolean; selection: string; relation: boolean };
type RootType = { root: string; localized: boolean; fields: LoadedField[] };

const ARTICLE = 'api::article.article';
const PARTNER = 'api::partner.partner';
const PERSON = 'api::person.person';

/** What GraphQL shows (not private fields such as `createdBy`) and loads from the parent. */
const isLoaded = (attribute: Attribute) =>
  !attribute.private &&
  ((attribute.type === 'relation' && !attribute.relation?.startsWith('morph')) ||
    attribute.type === 'component' ||
    attribute.type === 'media');

/**
 * public-api's batched loads (graphql/batchedLoads.ts) read a field of every item of a list with one
 * statement. For every collection type, every relation, component and media field (with the relation
 * and media fields inside its components), read from the schemas, the answer must be exactly what
 * one load per parent gives (`graphqlBatchLoads: false`), with the list's page and each field's page
 * drawn at random, including pages that cut a parent's list short.
 */
describeOnEachDatabase(
  'GraphQL: batched relation, component and media loads answer what one load per parent answers',
  (server: () => TestServer) => {
    const strapi = (): Core.Strapi => server().strapi;
    const setBatching = (on: boolean) => strapi().config.set('plugin::public-api.graphqlBatchLoads', on);
    const modelOf = (uid: string) => strapi().getModel(uid as never) as unknown as Model;

    const selectionOf = (attribute: Attribute, depth: number): string | undefined => {
      if (attribute.type === 'media') return '{ url }';
      if (attribute.type === 'relation') return '{ documentId }';
      if (depth > 1 || !attribute.component) return undefined;
      const inner = Object.entries(modelOf(attribute.component).attributes)
        .filter(([, nested]) => isLoaded(nested))
        .map(([name, nested]) => {
          const selection = selectionOf(nested, depth + 1);
          return selection ? `${name} ${selection}` : undefined;
        })
        .filter(Boolean);
      return `{ id ${inner.join(' ')} }`;
    };

    /** Every collection type with the fields it loads, from the schemas now. */
    const rootTypes = (): RootType[] => {
      const naming = strapi().plugin('graphql').service('utils').naming as Record<string, (model: unknown) => string>;
      return (Object.values(strapi().contentTypes) as unknown as Model[])
        .filter((model) => model.uid.startsWith('api::') && model.kind === 'collectionType')
        .map((model) => ({
          root: naming.getFindQueryName(model),
          localized: Boolean(model.pluginOptions?.i18n?.localized),
          fields: Object.entries(model.attributes)
            .filter(([, attribute]) => isLoaded(attribute))
            .map(([name, attribute]) => ({
              name,
              toMany: Boolean(attribute.relation?.endsWith('Many') || attribute.repeatable || attribute.multiple),
              selection: selectionOf(attribute, 0) ?? '{ id }',
              relation: attribute.type === 'relation',
            })),
        }));
    };

    let statements = 0;
    const ask = async (query: string, batching: boolean): Promise<{ result: GraphqlResult; statements: number }> => {
      setBatching(batching);
      statements = 0;
      const response = await server().http().post('/graphql').send({ query });
      return { result: response.body as GraphqlResult, statements };
    };

    /** Both ways; the answers must be equal and without errors. */
    const compare = async (query: string) => {
      const batched = await ask(query, true);
      const oneByOne = await ask(query, false);
      expect({ query, errors: batched.result.errors }).toEqual({ query, errors: undefined });
      expect({ query, answer: batched.result }).toEqual({ query, answer: oneByOne.result });
      return { batched: batched.statements, oneByOne: oneByOne.statements };
    };

    const rootArguments = (type: RootType, page: number, pageSize: number) =>
      `(${type.localized ? 'locale: "fr", ' : ''}pagination: { page: ${page}, pageSize: ${pageSize} })`;

    beforeAll(async () => {
      server().setNow('2031-03-01T12:00:00.000Z');
      const token = await createFullAccessToken(server());
      // Only the GraphQL request's own statements: the read model's background refreshes use the same connection.
      strapi().db.connection.on('query', () => {
        if ((strapi().requestContext.get() as { path?: string } | undefined)?.path === '/graphql') statements += 1;
      });
      // Lists of every length, in several orders, so that a page of a parent's list cuts some short.
      const images: number[] = [];
      for (const [index, colour] of [
        { r: 200, g: 40, b: 40 },
        { r: 40, g: 200, b: 40 },
        { r: 40, g: 40, b: 200 },
      ].entries()) {
        const upload = await uploadImage(server(), token, { buffer: await makeJpeg(40, 30, colour), name: `image-${index}.jpg` });
        images.push((upload.body as Array<{ id: number }>)[0].id);
      }
      const image = (index: number) => ({ image: images[index % images.length], alternativeText: `Image ${index}`, credit: 'Passerelle' });
      const documents = (uid: string) =>
        strapi().documents(uid as never) as unknown as {
          create(params: Json): Promise<{ documentId: string }>;
          findMany(params: Json): Promise<Array<{ documentId: string }>>;
        };
      const partners: string[] = [];
      for (let index = 0; index < 4; index += 1) {
        const partner = await documents(PARTNER).create({
          locale: 'fr',
          status: 'published',
          data: { name: `Partenaire ${index}`, kind: 'association', logo: image(index) },
        });
        partners.push(partner.documentId);
        for (let person = 0; person < index; person += 1) {
          await documents(PERSON).create({
            status: 'published',
            data: { name: `Personne ${index}-${person}`, isPressContact: false, organisation: partner.documentId },
          });
        }
      }
      const editions = (await documents('api::edition.edition').findMany({ locale: 'fr', status: 'published', limit: 3 })).map(
        (edition) => edition.documentId
      );
      const people = (await documents(PERSON).findMany({ status: 'published', limit: 4 })).map((person) => person.documentId);
      const rotated = <T>(list: T[], by: number, count: number) => [...list.slice(by), ...list.slice(0, by)].slice(0, count);
      for (let index = 0; index < 10; index += 1) {
        await documents(ARTICLE).create({
          locale: 'fr',
          status: 'published',
          data: {
            title: `Article lié ${index}`,
            kind: 'news',
            cover: image(index),
            tags: Array.from({ length: index % 5 }, (_, tag) => ({ label: `étiquette ${(index + tag) % 7}` })),
            pressImages: Array.from({ length: index % 4 }, (_, position) => image(index + position)),
            partners: rotated(partners, index % partners.length, index % 5),
            editions: rotated(editions, index % Math.max(editions.length, 1), index % 3),
            pressContacts: rotated(people, index % Math.max(people.length, 1), index % 4),
          },
        });
      }
    });

    afterAll(() => setBatching(true));

    it('for every field of every type, whole and cut to one or two items per parent, the same in fewer statements', async () => {
      const types = rootTypes();
      expect(types.flatMap((type) => type.fields).length).toBeGreaterThan(20);
      let fewer = 0;
      for (const type of types) {
        // A page of 1 or 2 per parent over parents with 0 to 4 items each: one statement cut at
        // 1 or 2 times the parents would drop some parent's items, so the bound must be noticed.
        for (const fieldPage of ['', '(pagination: { limit: 1 })', '(pagination: { limit: 2 })']) {
          for (const pageSize of [3, 25]) {
            const fields = type.fields.map((field) => `${field.name}${field.toMany ? fieldPage : ''} ${field.selection}`).join(' ');
            const root = `(${type.localized ? 'locale: "fr", ' : ''}sort: "createdAt:desc", pagination: { pageSize: ${pageSize} })`;
            const query = `{ ${type.root}${root} { documentId ${fields} } }`;
            const counts = await compare(query);
            expect({ query, more: counts.batched > counts.oneByOne }).toEqual({ query, more: false });
            if (counts.batched < counts.oneByOne) fewer += 1;
          }
        }
      }
      // The loads were batched (else this test would compare a path with itself).
      expect(fewer).toBeGreaterThan(5);
    });

    it('with random pages of the list and of each field (fast-check)', async () => {
      const types = rootTypes();
      const fieldPage = fc.oneof(
        fc.constant(''),
        fc.integer({ min: 1, max: 4 }).map((limit) => `(pagination: { limit: ${limit} })`),
        fc
          .record({ start: fc.integer({ min: 0, max: 3 }), limit: fc.integer({ min: 1, max: 3 }) })
          .map(({ start, limit }) => `(pagination: { start: ${start}, limit: ${limit} })`),
        fc.constant('(sort: "documentId:desc")')
      );
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: types.length - 1 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 1, max: 12 }),
          fc.array(fieldPage, { minLength: 12, maxLength: 12 }),
          async (typeIndex, page, pageSize, pages) => {
            const type = types[typeIndex];
            const fields = type.fields
              .map((field, index) => {
                const args = field.toMany ? pages[index % pages.length] : '';
                // `documentId` sorts relations only; components and media get pages alone.
                const usable = args.startsWith('(sort') && !field.relation ? '' : args;
                return `${field.name}${usable} ${field.selection}`;
              })
              .join(' ');
            await compare(`{ ${type.root}${rootArguments(type, page, pageSize)} { documentId ${fields} } }`);
          }
        ),
        { numRuns: 40 }
      );
    });
  },
  { PASSERELLE_DEMO: 'true' }
);
