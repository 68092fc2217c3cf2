import type { Core } from '@strapi/strapi';
import { ensureLocales } from './locales/ensureLocales';
import { ensureDemoAdmin, isDemoMode } from './demo/ensureDemoAdmin';
import { seedDemoContent } from './seed/seedDemoContent';
import { useClockSettings } from './lib/clock/clock';
import { finishPostCommitWork } from './shutdown/finishPostCommitWork';
import { keepPlannerStatistics } from './lib/database/plannerStatistics';

/**
 * The association's own site: its locales and, in demo mode, its demo content. Everything else is
 * a plugin under src/plugins, enabled in config/plugins.ts; plugins' bootstraps run before this one.
 */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    useClockSettings({
      timezone: strapi.config.get<string>('passerelle.timezone'),
      testClockFile: strapi.config.get<string>('passerelle.testing.clockFile'),
    });
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    if (isDemoMode(strapi)) {
      await seedDemoContent(strapi);
      await ensureDemoAdmin(strapi);
    }
    // Last, so that the demo's content is counted.
    await keepPlannerStatistics(strapi);
  },

  // Runs after the plugins' own destroy, just before Strapi closes the database.
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await finishPostCommitWork(strapi);
  },
};
