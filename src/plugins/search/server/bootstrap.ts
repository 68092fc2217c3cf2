import type { Core } from '@strapi/strapi';
import { typeNameOf, type SearchConfig } from './config';
import { dropIndexTables, engineOf, ensureIndexTables } from './index/indexTables';
import { rankingFunctionLoaded } from './index/rankingExtension';
import { forgetRemovedLocales } from './keepIndexInStep';
import { prepareWritesAround } from './index/writesAround';
import type { SearchService } from './searchService';
import { scheduleRecurringTask } from '../../../lib/schedule/recurringTask';

/**
 * Bump when the analysis or the index tables change: the next boot then drops the tables and
 * rebuilds the index. 2: stop words left out, facet tokens, entries' instants first. 3: entries'
 * digests, PostgreSQL's marked title lexemes. 4: SQLite's table of titles. 5: SQLite's table of terms.
 * 6: SQLite's entries numbered in their locale's range of ids. 7: SQLite's kept counts of tokens.
 * 8: SQLite's entries without AUTOINCREMENT (their ids come from their locale's range).
 */
const ANALYSIS_VERSION = 8;

/** The index's segments merged every six hours, away from the planner statistics' minute (17), which also reads the whole index. */
const EVERY_SIX_HOURS = '47 */6 * * *';

/** Fails the boot when the configuration names a type or field that does not exist. */
export const checkConfiguredTypes = (strapi: Core.Strapi, config: SearchConfig): void => {
  const contentTypes = strapi.contentTypes as unknown as Record<string, { attributes: Record<string, unknown> }>;
  config.types.forEach((type, index) => {
    const at = `plugins.search.config.types[${index}]`;
    const contentType = contentTypes[type.uid];
    if (!contentType) throw new Error(`${at}.uid: no content type ${type.uid}`);
    for (const key of ['title', 'slug', 'kind'] as const) {
      const field = type[key];
      if (field && !(field in contentType.attributes)) throw new Error(`${at}.${key}: ${type.uid} has no field ${field}`);
    }
    type.text.forEach((field, position) => {
      if (!(field in contentType.attributes)) throw new Error(`${at}.text[${position}]: ${type.uid} has no field ${field}`);
    });
  });
  const names = config.types.map(typeNameOf);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new Error(`plugins.search.config.types: the type name "${repeated}" is used twice; set \`type\` to tell them apart`);
};

/**
 * Creates the index tables, and rebuilds the index when what it was built with (the configuration or
 * the analysis) differs from this boot's: on the first boot of an existing site, or after an upgrade.
 * Then watches for a locale removed in the admin panel, and for writes made around the Document
 * Service (writesAround.ts).
 */
export const bootstrap = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const search = strapi.plugin('search').service<SearchService>('search');
  checkConfiguredTypes(strapi, search.config);
  const store = strapi.store({ type: 'plugin', name: 'search' });
  const signature = JSON.stringify({ version: ANALYSIS_VERSION, types: search.config.types, analysers: search.config.analysers });
  const stale = (await store.get({ key: 'index-signature' })) !== signature;
  if (stale) await dropIndexTables(strapi);
  await ensureIndexTables(strapi);
  if (engineOf(strapi) === 'sqlite' && !(await rankingFunctionLoaded(strapi))) {
    strapi.log.warn(
      "[search] ranking with FTS5's bm25: the ranking function is not loaded (`npm run search:build-ranking` builds it; see the search plugin's README)"
    );
  }
  await prepareWritesAround(strapi, search.config);
  if (stale) {
    const { entries } = await search.rebuild();
    await store.set({ key: 'index-signature', value: signature });
    strapi.log.info(`[search] index rebuilt: ${entries} entries`);
  }
  // Not pruned here: the app creates its configured locales after the plugins' bootstraps.
  forgetRemovedLocales(strapi, () => strapi.plugin('search').service<SearchService>('search'));
  // Written around the Document Service while no instance ran (raw SQL, `strapi import`), or a catching
  // up cut short: caught up in the background; searches wait for it a little, then answer 503. Then
  // the index's segments are merged (compaction.ts), and again every six hours: each publish adds a
  // segment, and FTS5 merges a level's only once it holds four.
  const compaction = {
    name: 'passerelleSearchCompaction',
    rule: EVERY_SIX_HOURS,
    scope: 'search',
    what: "merging the index's segments",
    task: () => search.compact(),
  };
  scheduleRecurringTask(strapi, compaction);
  void search
    .catchUp()
    .catch((error: unknown) => {
      strapi.log.error(`[search] could not look for writes made around the Document Service: ${(error as Error).message}`);
    })
    .then(compaction.task)
    .catch((error: unknown) => strapi.log.error(`[search] ${compaction.what} failed: ${(error as Error).message}`));
};

export const destroy = async ({ strapi }: { strapi: Core.Strapi }): Promise<void> => {
  const search = strapi.plugin('search').service<SearchService>('search');
  await search.stopCatchingUp();
  await search.stopCompacting();
};
