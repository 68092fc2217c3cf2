import type { Core } from '@strapi/strapi';
import { DEFAULT_SETTINGS, readModelSettings, validateSettings } from './server/settings';
import { keepReadModelInStep } from './server/keepInStep';
import { prepareTables } from './server/tables';
import { checkReadModel, fingerprintOf, markReadModelOutOfDate, rebuildReadModel } from './server/rebuild';
import { startBackgroundWork, type BackgroundWork } from './server/backgroundWork';
import { markReady, takeMissedWrites } from './server/readiness';
import { useRuntime } from './server/serve';

let background: BackgroundWork | undefined;

export default {
  config: {
    default: DEFAULT_SETTINGS,
    validator: validateSettings,
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    keepReadModelInStep(strapi, () => background?.checkBuild());
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await prepareTables(strapi);
    markReady();
    if (!readModelSettings(strapi).enabled) return;
    if (takeMissedWrites()) await markReadModelOutOfDate(strapi);
    const fingerprint = await fingerprintOf(strapi);
    // Built (or rebuilt, when the configuration or schemas changed) in the background; meanwhile every
    // read takes the Document Service path.
    background = startBackgroundWork(strapi, fingerprint);
    useRuntime({ fingerprint, refreshLater: (targets) => background?.refreshLater(targets) });
  },

  async destroy() {
    useRuntime(undefined);
    await background?.stop();
    background = undefined;
  },

  services: {
    // `strapi.plugin('read-model').service('read-model')`: what the npm scripts call.
    'read-model': ({ strapi }: { strapi: Core.Strapi }) => ({
      rebuild: () => rebuildReadModel(strapi),
      check: () => checkReadModel(strapi),
    }),
  },
};
