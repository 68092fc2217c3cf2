import { useServerWithEditor } from '../helpers/api';

type Person = { name: string; email: string | null; phone: string | null };
type Answer = { data?: { people?: Person[]; articles?: Array<{ pressContacts: Person[] }> }; errors?: unknown };

/** Strapi's GraphQL runs no output sanitizer: visibility's private fields need their own rule there (graphqlRules.ts). */
describe('GraphQL: private fields as on REST', () => {
  const app = useServerWithEditor();
  const query = async (source: string) => (await app.server.http().post('/graphql').send({ query: source })).body as Answer;

  beforeAll(async () => {
    const quoted = await app.editor.create(
      'people',
      { name: 'Personne citée GraphQL', isPressContact: false, email: 'privee-graphql@example.org', phone: '+33 6 11 11 11 11' },
      { locale: 'fr', status: 'published' }
    );
    const contact = await app.editor.create(
      'people',
      { name: 'Contact presse GraphQL', isPressContact: true, email: 'presse-graphql@example.org', phone: '+33 5 22 22 22 22' },
      { locale: 'fr', status: 'published' }
    );
    await app.editor.create(
      'articles',
      { title: 'Communiqué GraphQL', kind: 'press-release', pressContacts: [contact.body.data.documentId, quoted.body.data.documentId] },
      { locale: 'fr', status: 'published' }
    );
  });

  it('shows a press contact’s email and phone, and nobody else’s, at the root and through a relation', async () => {
    const root = await query('{ people(locale: "fr", sort: "name") { name email phone } }');
    expect(root.errors).toBeUndefined();
    expect(root.data?.people).toEqual([
      { name: 'Contact presse GraphQL', email: 'presse-graphql@example.org', phone: '+33 5 22 22 22 22' },
      { name: 'Personne citée GraphQL', email: null, phone: null },
    ]);
    const related = await query('{ articles(locale: "fr") { pressContacts { name email phone } } }');
    expect(related.errors).toBeUndefined();
    const contacts = related.data?.articles?.flatMap((article) => article.pressContacts) ?? [];
    expect(contacts).toContainEqual({ name: 'Personne citée GraphQL', email: null, phone: null });
    expect(contacts).toContainEqual({ name: 'Contact presse GraphQL', email: 'presse-graphql@example.org', phone: '+33 5 22 22 22 22' });
  });
});
