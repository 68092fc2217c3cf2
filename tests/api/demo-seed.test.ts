import path from 'node:path';
import { bootStrapi, DIST_DIR, type TestServer } from '../helpers/strapi';
import { createFullAccessToken, editorClient, publicGet } from '../helpers/api';

type Edition = { title: string; number: number; status: string; outcomes: Array<{ label: string; value: number; unit: string }> };

const API_TYPES = [
  'api::article.article',
  'api::press-coverage.press-coverage',
  'api::manifesto.manifesto',
  'api::programme.programme',
  'api::edition.edition',
  'api::partner.partner',
  'api::person.person',
] as const;

/** Every stored row (all types, locales, draft and published) with its last change, to prove nothing moved. */
const snapshot = async (server: TestServer) => {
  const rows: string[] = [];
  for (const uid of API_TYPES) {
    const entries = (await server.strapi.db.query(uid).findMany({ select: ['documentId', 'locale', 'publishedAt', 'updatedAt'] })) as Array<
      Record<string, unknown>
    >;
    rows.push(
      ...entries.map(
        (e) => `${uid}|${String(e.documentId)}|${String(e.locale)}|${e.publishedAt ? 'published' : 'draft'}|${String(e.updatedAt)}`
      )
    );
  }
  const files = await server.strapi.db.query('plugin::upload.file').count();
  return { rows: rows.sort(), files };
};

const runSeed = async (server: TestServer) => {
  const { seedDemoContent } = require(path.join(DIST_DIR, 'src', 'seed', 'seedDemoContent.js')) as {
    seedDemoContent: (strapi: unknown) => Promise<{ created: number }>;
  };
  return seedDemoContent(server.strapi);
};

describe('demo content', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await bootStrapi({ env: { PASSERELLE_DEMO: 'true', DEMO_ADMIN_PASSWORD: 'Demo-password-1' } });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('serves both editions with their figures in French and English', async () => {
    const byLocale: Record<string, Edition[]> = {};
    for (const locale of ['fr', 'en']) {
      const response = await publicGet(server, 'editions', { locale, populate: 'outcomes', sort: 'number' });
      expect(response.status).toBe(200);
      byLocale[locale] = response.body.data;
    }
    expect(byLocale.fr.map((e) => e.number)).toEqual([1, 2]);
    expect(byLocale.en.map((e) => e.number)).toEqual([1, 2]);
    expect(byLocale.fr[0].outcomes.map((o) => o.value)).toEqual([3400, 330, 100, 84]);
    expect(byLocale.en[0].outcomes.map((o) => o.value)).toEqual([3400, 330, 100, 84]);
    expect(byLocale.fr[0].outcomes[3]).toMatchObject({ unit: '%', label: 'Demandeurs d’emploi satisfaits ou très satisfaits' });
    expect(byLocale.en[0].outcomes[3]).toMatchObject({ unit: '%', label: 'Job seekers satisfied or very satisfied' });
    expect(byLocale.fr[1].title).toBe('DéClics Numériques Haute-Garonne, automne 2020');
    expect(byLocale.en[1].title).toBe('DéClics Numériques Haute-Garonne, autumn 2020');
    expect(byLocale.en.map((e) => e.status)).toEqual(['finished', 'finished']);
  });

  it('has the press coverage with its quotes and photo credit, in both locales', async () => {
    const fr = (await publicGet(server, 'press-coverages', { locale: 'fr', populate: ['quotes', 'outlet'] })).body.data;
    const en = (await publicGet(server, 'press-coverages', { locale: 'en', populate: ['quotes', 'outlet'] })).body.data;
    expect(fr).toHaveLength(1);
    expect(fr[0]).toMatchObject({
      headline: 'DéClics Numériques passe la deuxième',
      slug: 'declics-numeriques-passe-la-deuxieme',
      journalist: 'Matthias Hardoy',
      photoCredit: 'M.H. - ToulÉco',
      outlet: { name: 'ToulÉco' },
      medium: 'online',
      originalLanguage: 'fr',
    });
    expect(fr[0].quotes.map((q: { speaker: string }) => q.speaker)).toEqual([
      'Armand Cosseron',
      'Joseph Sanfilippo',
      'Cédric O',
      'Cédric O',
    ]);
    expect(fr[0].quotes[3].text).toBe('De tels programmes doivent être les chevaux de Troie de la diversité.');
    expect(en[0].headline).toBe('DéClics Numériques passe la deuxième');
    expect(en[0].quotes[3].text).toBe('Programmes like this must be the Trojan horses of diversity.');
  });

  it('has the manifesto, the programme, the partners, the people and a news item and a press release', async () => {
    const manifesto = (await publicGet(server, 'manifesto', { locale: 'fr', populate: ['principles', 'founders'] })).body.data;
    expect(manifesto.principles[0].statement).toMatch(
      /^Le talent est féminin, masculin, de nos banlieues ou de nos régions, LGBT\+, en situation de handicap/
    );
    expect(manifesto.foundingYear).toBe(2017);
    expect(manifesto.founders.map((f: { name: string }) => f.name).sort()).toEqual(['Anthony Babkine', 'Mounira Hamdi']);

    const partners = (await publicGet(server, 'partners', { locale: 'en', sort: 'name' })).body.data;
    expect(partners.map((p: { name: string }) => p.name)).toEqual([
      'Google (Ateliers Numériques)',
      'La Mêlée Numérique',
      'Pierre Fabre',
      'Pôle emploi',
      'Région Occitanie',
    ]);
    const articles = (await publicGet(server, 'articles', { locale: 'fr', populate: 'cover' })).body.data;
    expect(articles.map((a: { kind: string }) => a.kind).sort()).toEqual(['news', 'press-release']);
    expect(articles[0].cover).toMatchObject({ credit: 'Passerelle', licence: 'CC BY 4.0' });
    expect(articles[0].cover.alternativeText).toMatch(/passerelle/i);

    const programme = (await publicGet(server, 'programmes', { locale: 'fr', populate: 'aims' })).body.data[0];
    expect(programme.name).toBe('DéClics Numériques');
    expect(programme.aims).toHaveLength(4);
  });

  it('processed its own image through the upload service', async () => {
    const files = (await server.strapi.db.query('plugin::upload.file').findMany({})) as Array<{
      name: string;
      mime: string;
      width: number;
      formats: Record<string, unknown>;
      alternativeText: string;
    }>;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ name: 'passerelle-bridge.jpg', mime: 'image/jpeg', width: 1200 });
    expect(Object.keys(files[0].formats)).toEqual(expect.arrayContaining(['thumbnail', 'small']));
  });

  it('created the demo admin', async () => {
    const login = await server.http().post('/admin/login').send({ email: 'demo@passerelle.local', password: 'Demo-password-1' });
    expect(login.status).toBe(200);
    expect(login.body.data.user.email).toBe('demo@passerelle.local');
  });

  it('changes nothing when seeded again', async () => {
    const before = await snapshot(server);
    expect(before.rows.length).toBeGreaterThan(30);
    const result = await runSeed(server);
    expect(result.created).toBe(0);
    expect(await snapshot(server)).toEqual(before);
  });

  it('does not overwrite what staff edited', async () => {
    const token = await createFullAccessToken(server);
    const editor = editorClient(server, token);
    const partner = (await publicGet(server, 'partners', { locale: 'fr', filters: { slug: 'pierre-fabre' } })).body.data[0];
    const edited = await editor.update(
      'partners',
      partner.documentId,
      { description: 'Texte revu par l’équipe.' },
      { locale: 'fr', status: 'published' }
    );
    expect(edited.status).toBe(200);

    await runSeed(server);
    const after = (await publicGet(server, `partners/${partner.documentId}`, { locale: 'fr' })).body.data;
    expect(after.description).toBe('Texte revu par l’équipe.');
    const count = await server.strapi.db.query('api::partner.partner').count({ where: { slug: 'pierre-fabre', locale: 'fr' } });
    expect(count).toBe(2); // one draft, one published
  });
});
