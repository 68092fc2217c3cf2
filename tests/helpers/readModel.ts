import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { EditorClient } from './api';
import { DIST_DIR, type TestServer } from './strapi';

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

/** Waits until the rows that writes left pending are computed again (writes do not wait for them). */
export const settleReadModel = async (strapi: Core.Strapi): Promise<void> => {
  await strapi.plugin('read-model').service<{ settle: () => Promise<void> }>('read-model').settle();
};

/** Paused, the model's background work does nothing: only `settleReadModel` computes the rows writes left pending. */
export const pauseReadModelRefreshes = (strapi: Core.Strapi, paused: boolean): void => {
  strapi.plugin('read-model').service<{ pauseBackgroundWork: (paused: boolean) => void }>('read-model').pauseBackgroundWork(paused);
};

/**
 * Waits until the read model is built, at an epoch after `epoch` (a write that marks it out of date,
 * then the background rebuild), and holds every write made so far.
 */
export const waitUntilReadModelBuilt = async (server: TestServer, epoch = -1): Promise<void> => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const row = await stateRow(server);
    if (row.built_for && Number(row.epoch) > epoch) return settleReadModel(server.strapi);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the read model was never built');
};

/**
 * Counts the reads the read model answered, by name, for each compiled file of the plugin's server
 * (`{ serveNewest: ['storedNewest'] }`): wraps the exported functions, so that a property or an
 * equivalence test cannot pass with every read sent down the Document Service path.
 */
export const countStoredReads = <Exports extends Record<string, readonly string[]>>(
  exportsByFile: Exports
): Record<Exports[keyof Exports][number], number> => {
  const counter: Record<string, number> = {};
  for (const [file, names] of Object.entries(exportsByFile)) {
    const exported = require(path.join(DIST_DIR, 'src', 'plugins', 'read-model', 'server', `${file}.js`)) as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    for (const name of names) {
      counter[name] = 0;
      const original = exported[name];
      exported[name] = async (...args: unknown[]) => {
        const result = await original(...args);
        if (result !== undefined) counter[name] += 1;
        return result;
      };
    }
  }
  return counter;
};
