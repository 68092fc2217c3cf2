import { bootStrapi } from '../helpers/strapi';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';

/**
 * Strapi emits a write's entry event after the commit, from a callback nothing awaits: the event
 * reloads the entry, then its listeners run (purge targets, webhooks). A script that writes and
 * stops at once (`npm run import`) must not destroy the database under them: every event still
 * reaches its listeners, and no query is aborted (which Jest reports as the file failing to run).
 */
const WRITES = 20;

const databases: Array<[string, () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>]> = [
  ['SQLite', () => Promise.resolve({ env: {}, drop: () => Promise.resolve() })],
];
if (POSTGRES_URL) {
  databases.push([
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      return { env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: database.url }, drop: database.drop };
    },
  ]);
}

describe.each(databases)('stopping right after writes, on %s', (_name, makeDatabase) => {
  it('lets every write’s event reach its listeners before the database closes', async () => {
    const database = await makeDatabase();
    const server = await bootStrapi({ env: database.env });
    const announced: string[] = [];
    try {
      server.strapi.eventHub.on('entry.create', (payload: { uid?: string; entry?: { documentId?: string } }) => {
        if (payload.uid === 'api::partner.partner' && payload.entry?.documentId) announced.push(payload.entry.documentId);
        return Promise.resolve();
      });
      const created: string[] = [];
      await server.strapi.db.transaction(async () => {
        for (let index = 0; index < WRITES; index += 1) {
          const partner = await server.strapi
            .documents('api::partner.partner')
            .create({ data: { name: `Partenaire d’arrêt ${index}`, kind: 'company' }, locale: 'fr' });
          created.push(partner.documentId);
        }
      });
      // At once, as a script does when its work is done.
      await server.destroy();
      expect(announced.sort()).toEqual(created.sort());
    } finally {
      await database.drop();
    }
  });
});
