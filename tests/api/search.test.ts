import { describeOnEachDatabase } from '../helpers/eachDatabase';
import type { TestServer } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

type Hit = { type: string; kind: string | null; documentId: string; title: string; url: string | null; snippet: string; score: number; embargo: { until: string; active: boolean } | null };

describeOnEachDatabase('full-text search', (server) => {
  const documents = (uid = ARTICLE) => server().strapi.documents(uid as never) as unknown as {
    create: (params: Record<string, unknown>) => Promise<{ documentId: string }>;
    update: (params: Record<string, unknown>) => Promise<unknown>;
    publish: (params: Record<string, unknown>) => Promise<unknown>;
    unpublish: (params: Record<string, unknown>) => Promise<unknown>;
    discardDraft: (params: Record<string, unknown>) => Promise<unknown>;
    delete: (params: Record<string, unknown>) => Promise<unknown>;
  };
  const article = async (data: Record<string, unknown>, options: { locale?: string; status?: 'published' | 'draft' } = {}) =>
    (await documents().create({ locale: options.locale ?? 'fr', status: options.status ?? 'published', data: { kind: 'news', ...data } })).documentId;

  const search = async (query: Record<string, unknown>, token?: string) => {
    const request = server().http().get('/api/search').query({ locale: 'fr', ...query });
    if (token) request.set('Authorization', `Bearer ${token}`);
    return request;
  };
  const found = async (q: string, query: Record<string, unknown> = {}) => {
    const response = await search({ q, ...query });
    expect(response.status).toBe(200);
    return (response.body.data as Hit[]).map((hit) => hit.title);
  };

  let ids: Record<string, string> = {};
  beforeAll(async () => {
    ids = {
      numerique: await article({ title: 'Les métiers numériques recrutent', body: paragraph('Une formation aux compétences numériques pour tous.') }),
      declics: await article({ title: 'DéClics 2031 à Lille', standfirst: 'Le forum de l’emploi inclusif revient.' }),
      bodyOnly: await article({ title: 'Rencontre régionale', body: paragraph('On y parle de Lille et de DéClics, le forum.') }),
      html: await article({ title: 'Balises <b>en gras</b>', body: paragraph('Un texte avec <script>alert(1)</script> et le mot inclusion dedans.') }),
      pole: await article({ title: 'Partenariat avec Pôle emploi', body: paragraph('Pôle emploi et l’inclusion numérique avancent ensemble.') }),
    };
    ids.english = await article({ title: 'Publishing our yearly report', body: paragraph('We published it on time.') }, { locale: 'en' });
  });

  it('stems French and English words: "numérique" finds "numériques", "published" finds "publishing"', async () => {
    expect(await found('numérique')).toEqual(expect.arrayContaining(['Les métiers numériques recrutent', 'Partenariat avec Pôle emploi']));
    expect(await found('published', { locale: 'en' })).toEqual(['Publishing our yearly report']);
    expect(await found('publishes ', { locale: 'en' })).toEqual(['Publishing our yearly report']);
  });

  it('ignores accents and case: "declics" finds "DéClics"', async () => {
    expect(await found('declics ')).toEqual(['DéClics 2031 à Lille', 'Rencontre régionale']);
    expect(await found('POLE EMPLOI')).toEqual(['Partenariat avec Pôle emploi']);
  });

  it('ranks a title match above a body match', async () => {
    const response = await search({ q: 'declics' });
    const hits = response.body.data as Hit[];
    expect(hits.map((hit) => hit.documentId)).toEqual([ids.declics, ids.bodyOnly]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it('matches the last word as a prefix, while typing', async () => {
    expect(await found('métiers numériq')).toEqual(['Les métiers numériques recrutent']);
    expect(await found('recru')).toEqual(['Les métiers numériques recrutent']);
    // A finished word (followed by a space) is not a prefix.
    expect(await found('recru ')).toEqual([]);
  });

  it('finds phrases in quotes, in their order only', async () => {
    expect(await found('"pôle emploi"')).toEqual(['Partenariat avec Pôle emploi']);
    expect(await found('"emploi pôle"')).toEqual([]);
  });

  it('answers with the site URL, the type and an escaped snippet with <mark>', async () => {
    const response = await search({ q: 'inclusion script' });
    const [hit] = response.body.data as Hit[];
    expect(hit.documentId).toBe(ids.html);
    expect(hit.type).toBe('article');
    expect(hit.url).toMatch(/\/fr\/actualites\/balises-/);
    expect(hit.snippet).toBe('Un texte avec &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; et le mot <mark>inclusion</mark> dedans.');
    expect(response.body.meta.pagination).toEqual({ page: 1, pageSize: 25, pageCount: 1, total: 1 });
  });
});
