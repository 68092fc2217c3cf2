import { bootStrapi } from '../helpers/strapi';
import { createTestDatabase, POSTGRES_URL } from '../helpers/postgres';
import { startWebhookReceiver } from '../helpers/webhookReceiver';

/**
 * Strapi emits a write's entry event after the commit, from a callback nothing awaits: the event
 * reloads the entry, then its listeners run (purge targets, webhooks). A script that writes and
 * stops at once (`npm run import`) must not destroy the database under them: every event still
 * reaches its listeners, no query is aborted (which Jest reports as the file failing to run), and
 * every webhook the events call for is sent before the process may exit.
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
  it('lets every write’s event reach its listeners, and its webhooks go out, before the database closes', async () => {
    const database = await makeDatabase();
    const server = await bootStrapi({ env: database.env });
    // A receiver slower than the events' reloads: Strapi sends five calls at a time, so the last ones
    // leave long after the database work is done.
    const receiver = await startWebhookReceiver({ answerAfterMs: 150 });
    const announced: string[] = [];
    try {
      const webhook = await server.strapi.get('webhookStore').createWebhook({
        name: 'site rebuild',
        url: receiver.url,
        headers: {},
        events: ['entry.create'],
        isEnabled: true,
      });
      server.strapi.get('webhookRunner').add(webhook);
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
      // Sent, not merely queued: the receiver holds each call before Strapi's runner counts it done.
      const sent = receiver.received
        .filter((call) => call.event === 'entry.create' && call.uid === 'api::partner.partner')
        .map((call) => (call.entry as { documentId: string }).documentId);
      expect(sent.sort()).toEqual(created.sort());
    } finally {
      await receiver.close();
      await database.drop();
    }
  });
});
