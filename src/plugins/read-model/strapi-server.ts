import type { Core } from '@strapi/strapi';
import { storedReadsService } from './server/storedReadsService';
import { DEFAULT_SETTINGS, readModelSettings, validateSettings } from './server/settings';
import { keepReadModelInStep } from './server/keepInStep';
import { prepareTables } from './server/tables';
import { checkReadModel, fingerprintOf, markReadModelOutOfDate, rebuildReadModel } from './server/rebuild';
import { startBackgroundWork } from './server/backgroundWork';
import { refreshAllPending } from './server/pendingRefresh';
import { configuredBaseUrl } from './server/computeRow';
import { createPluginState, stateOf } from './server/pluginState';
import { watchedModelsOf } from './server/watchedModels';
import { hasOutsideWrites, prepareWriteLog, servesFor } from './server/writeLog';
import { storedRoutesOf } from './server/storedRoutes';
import serveStored from './server/middlewares/serve-stored';

export default {
  config: {
    default: DEFAULT_SETTINGS,
    validator: validateSettings,
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    keepReadModelInStep(strapi, () => stateOf(strapi).background?.checkBuild());
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const state = stateOf(strapi);
    const settings = readModelSettings(strapi);
    await prepareTables(strapi);
    if (!settings.enabled) {
      state.ready = true;
      return;
    }
    if (settings.serve && !configuredBaseUrl(strapi)) {
      // Stored detail and list answers hold absolute addresses (JSON-LD), so they serve only under one known
      // origin; the sitemap, feeds and digest read only origin-free fields of the rows.
      strapi.log.warn(
        '[read-model] PUBLIC_URL is not set: no stored detail or list answer can be served, those reads take the Document Service path'
      );
    }
    const watched = await watchedModelsOf(strapi);
    await prepareWriteLog(strapi, watched);
    state.watchedModels = watched;
    state.ready = true;
    // Written before our tables and triggers were there (other plugins' bootstraps), or around the
    // model while no instance ran (raw SQL, `strapi import`, another tool): rebuilt in the background.
    const missed = state.missedWrites;
    state.missedWrites = false;
    if (missed || (await hasOutsideWrites(strapi))) await markReadModelOutOfDate(strapi);
    const fingerprint = await fingerprintOf(strapi);
    // Built (or rebuilt, when the configuration or schemas changed) in the background; meanwhile every
    // read takes the Document Service path.
    const background = startBackgroundWork(strapi, fingerprint);
    state.background = background;
    state.runtime = { fingerprint, refreshLater: (targets) => background.refreshLater(targets) };
    // Routes are registered before plugins bootstrap (Strapi 5.54.0 `bootstrap`: initRouting first).
    state.storedRoutes = storedRoutesOf(strapi, settings.contentTypes, settings.earlyHandlers);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    const state = stateOf(strapi);
    state.runtime = undefined;
    state.storedRoutes = undefined;
    await state.background?.stop();
    state.background = undefined;
  },

  // `plugin::read-model.serve-stored`, inside the HTTP cache in config/middlewares.ts: stored answers before the router.
  middlewares: {
    'serve-stored': serveStored,
  },

  services: {
    // `strapi.plugin('read-model').service('read-model')`: what the npm scripts call.
    'read-model': ({ strapi }: { strapi: Core.Strapi }) => ({
      rebuild: () => rebuildReadModel(strapi),
      /** Compares the stored rows with the Document Service, once the rows writes left pending are computed. */
      async check() {
        await refreshAllPending(strapi);
        return checkReadModel(strapi);
      },
      /**
       * Resolves once the rows that writes left pending are computed again (writes do not wait for them:
       * pendingRefresh.ts). Tests, the benchmark and scripts wait for it before reading what the model serves.
       */
      async settle() {
        const background = stateOf(strapi).background;
        if (background) await background.settle();
        else await refreshAllPending(strapi);
      },
      /** Paused, the model is brought up to date only by `settle` (tests read it between a write and its refresh). */
      pauseBackgroundWork(paused: boolean) {
        stateOf(strapi).background?.pause(paused);
      },
      /** Stops the background rebuilds and refreshes of this instance (a script writing many rows, then calling `rebuild` once). */
      async stopBackgroundWork() {
        const state = stateOf(strapi);
        await state.background?.stop();
        state.background = undefined;
      },
      /**
       * True when the model is built for this instance's configuration and code, with no write around it
       * and no row waiting for its refresh: reads are served from it.
       */
      async serves() {
        const fingerprint = stateOf(strapi).runtime?.fingerprint;
        return fingerprint !== undefined && (await servesFor(strapi, fingerprint));
      },
    }),
    // This app's state of the plugin (pluginState.ts): one per Strapi instance, never shared between apps.
    state: () => createPluginState(),
    // `strapi.plugin('read-model').service('stored-reads')`: what public-api's read controller asks first.
    'stored-reads': storedReadsService,
  },
};
