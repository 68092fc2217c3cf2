import type { EditorClient } from './api';
import type { TestServer } from './strapi';

/** A published French article linking a published partner: a row that embeds another document. */
export const publishArticleWithPartner = async (editor: EditorClient) => {
  const partner = await editor.create(
    'partners',
    { name: 'Fondation Lumière', kind: 'association' },
    { locale: 'fr', status: 'published' }
  );
  const article = await editor.create(
    'articles',
    { title: 'Ouverture des inscriptions', kind: 'news', partners: [partner.body.data.documentId] },
    { locale: 'fr', status: 'published' }
  );
  return { partner, article };
};

const stateRow = async (server: TestServer) =>
  (await server.strapi.db.connection('passerelle_read_model_state').first()) as { built_for: string | null; epoch: number | string };

/** The read model's epoch now (counted up each time it is marked out of date). */
export const readModelEpoch = async (server: TestServer): Promise<number> => Number((await stateRow(server)).epoch);

/** Waits until the read model is built, at an epoch after `epoch` (a write that marks it out of date, then the background rebuild). */
export const waitUntilReadModelBuilt = async (server: TestServer, epoch = -1): Promise<void> => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const row = await stateRow(server);
    if (row.built_for && Number(row.epoch) > epoch) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the read model was never built');
};
