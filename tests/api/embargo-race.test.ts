import type { TestServer } from '../helpers/strapi';
import { describeOnEachDatabase } from '../helpers/eachDatabase';
import { EMBARGO_RACE_ROUTES } from '../helpers/visibilityCoverage';

/**
 * The embargo holds under concurrent writes: public readers hammer every public surface while a
 * writer creates, publishes, re-embargoes and deletes embargoed press releases, for a bounded time.
 * Not one public answer may carry an embargoed release. On PostgreSQL the writes and the reads run on
 * different connections, which is where a shortcut taken on a stale view of the content leaks.
 */
const RACE_MS = 4000;
/** On a loaded machine the writer may be slow: it gets its rounds, within a hard cap. */
const MIN_ROUNDS = 8;
// A bound on the race, not its point: at least MIN_ROUNDS rounds must run, and a write now reads the
// published state first (purge targets), so a loaded PostgreSQL run needs more than 20 s for them.
const CAP_MS = 40000;
const READERS = 4;
const MARKER = 'zzembargorace';
const HOUR = 60 * 60 * 1000;

type Race = { answers: number; leaks: string[]; writes: number; failures: string[] };

/** better-sqlite3 answers synchronously: without a pause the writer would never let a request in. */
const letOthersIn = () => new Promise((resolve) => setImmediate(resolve));

const race = async (server: TestServer): Promise<Race> => {
  const articles = server.strapi.documents('api::article.article');
  const result: Race = { answers: 0, leaks: [], writes: 0, failures: [] };
  const started = Date.now();
  let writing = true;
  let current: { documentId: string; slug: string } | undefined;
  const edition = (await server.strapi.documents('api::edition.edition').create({
    locale: 'fr',
    status: 'published',
    data: {
      title: 'Édition de la course',
      number: 1,
      territory: { region: 'Occitanie' },
      startDate: '2030-01-01',
      endDate: '2030-02-01',
      format: 'online',
    },
  } as never)) as { documentId: string };
  await articles.create({
    locale: 'fr',
    status: 'published',
    data: { title: 'Actualité publique', kind: 'news', editions: [edition.documentId] },
  } as never);

  const writer = async () => {
    const elapsed = () => Date.now() - started;
    for (let round = 0; (elapsed() < RACE_MS || round < MIN_ROUNDS) && elapsed() < CAP_MS; round += 1) {
      const embargo = () => new Date(Date.now() + HOUR + round * 1000).toISOString();
      const data = {
        title: `${MARKER} ${round}`,
        kind: 'press-release',
        standfirst: `${MARKER} standfirst`,
        embargoUntil: embargo(),
        editions: [edition.documentId],
      };
      // Created published at once, or as a draft published afterwards: two ways in.
      const created = (await articles.create({ locale: 'fr', data, status: round % 2 === 0 ? 'published' : 'draft' } as never)) as {
        documentId: string;
        slug: string;
      };
      current = created;
      await letOthersIn();
      if (round % 2 === 1) await articles.publish({ documentId: created.documentId, locale: 'fr' } as never);
      await letOthersIn();
      // Re-embargoed: moved to a later instant, still ahead.
      await articles.update({
        documentId: created.documentId,
        locale: 'fr',
        data: { embargoUntil: embargo() },
        status: 'published',
      } as never);
      await letOthersIn();
      // Gone again, so that there are moments with nothing under embargo at all.
      await articles.delete({ documentId: created.documentId, locale: '*' } as never);
      result.writes += 1;
      await letOthersIn();
    }
    writing = false;
  };

  const publicRequests: Array<() => Promise<{ status: number; text: string }>> = [
    () => server.http().get('/api/articles?locale=fr&sort=publishedAt:desc'),
    () => server.http().get('/api/articles?locale=fr&filters[kind]=press-release&pagination[pageSize]=5'),
    () => server.http().get(current ? `/api/articles/${current.documentId}?locale=fr` : '/api/articles?locale=fr'),
    () => server.http().get(current ? `/api/articles/slug/${current.slug}?locale=fr` : '/api/articles?locale=fr'),
    () => server.http().get('/api/editions?locale=fr&populate=articles'),
    // A probe: any edition found through a filter on the release's title betrays it.
    () =>
      server
        .http()
        .get(`/api/editions?locale=fr&filters[articles][title][$startsWith]=${MARKER}`)
        .then((response) => ({
          status: response.status,
          text: response.body?.meta?.pagination?.total ? `${MARKER} found by a filter` : response.text,
        })),
    () => server.http().get('/api/feeds/fr/press-releases.json'),
    () => server.http().get('/api/sitemap.xml'),
    () => server.http().get(`/api/newsletter/digest?locale=fr&since=${new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10)}`),
    () => server.http().post('/graphql').send({ query: 'query { articles(locale: "fr", sort: "publishedAt:desc") { title standfirst } }' }),
  ];

  // The route inventory (tests/api/route-inventory.test.ts) counts these as covered: one entry per request.
  if (publicRequests.length !== EMBARGO_RACE_ROUTES.length) throw new Error('embargo race: one EMBARGO_RACE_ROUTES entry per request');
  const ROUTES = EMBARGO_RACE_ROUTES.map((entry) => entry.label);
  const reader = async (offset: number) => {
    for (let i = offset; writing; i += 1) {
      const response = await publicRequests[i % publicRequests.length]();
      result.answers += 1;
      if (response.status >= 500) result.failures.push(`${response.status} ${response.text.slice(0, 200)}`);
      // A 404 may repeat the slug asked for; only what is served counts.
      if (response.status < 300 && response.text.toLowerCase().includes(MARKER)) result.leaks.push(ROUTES[i % publicRequests.length]);
    }
  };

  // Every route once before the race, so that no reader spends the race on a cold start.
  for (const request of publicRequests) await request();
  await Promise.all([writer(), ...Array.from({ length: READERS }, (_, i) => reader(i * 2))]);
  return result;
};

const expectNoLeak = (result: Race) => {
  // Enough on both sides for the race to mean something.
  expect(result.writes).toBeGreaterThanOrEqual(MIN_ROUNDS);
  expect(result.answers).toBeGreaterThan(MIN_ROUNDS);
  expect(result.failures).toEqual([]);
  expect({ leaked: result.leaks, of: result.answers }).toEqual({ leaked: [], of: result.answers });
};

describeOnEachDatabase('embargo under concurrent writes', (server) => {
  it('never serves an embargoed release to the public', async () => {
    expectNoLeak(await race(server()));
  });
});
