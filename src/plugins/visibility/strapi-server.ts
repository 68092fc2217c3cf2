import type { Core, UID } from '@strapi/strapi';
import { registerDocumentMiddleware } from '../../lib/documents/documentMiddleware';
import { registerQueryShapeChecks } from '../../lib/queries/queryShapes';
import { addOutputVisitor } from '../../lib/output/outputSanitizer';
import { enforceVisibility } from './server/enforceVisibility';
import { addEmbargoState } from './server/addEmbargoState';
import { registerVisibilityAnnouncer } from './server/announceVisibility';
import { nextVisibilityChange } from './server/nextVisibilityChange';
import { hidePrivateFields } from './server/privacy/hidePrivateFields';
import { checkAgainstModels, DEFAULT_SETTINGS, useVisibilitySettings, validateSettings, type VisibilitySettings } from './server/settings';
import { rulesService } from './server/rulesService';

export default {
  config: {
    default: DEFAULT_SETTINGS,
    validator: validateSettings,
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    const settings = strapi.config.get<VisibilitySettings>('plugin::visibility');
    checkAgainstModels(
      settings,
      (uid) => (strapi.contentType(uid as UID.ContentType) as { attributes?: Record<string, unknown> } | undefined)?.attributes
    );
    useVisibilitySettings(settings);
    // The first document middlewares of all (this plugin is listed first in config/plugins.ts): the
    // checks that a read's filters, sort and populate can run at all (the visibility filter queries
    // the ids behind a client's relation filters itself), then the visibility filter, inside which
    // every other rule runs.
    registerQueryShapeChecks(strapi);
    registerDocumentMiddleware(strapi, enforceVisibility(strapi));
    addOutputVisitor(strapi, hidePrivateFields);
    addOutputVisitor(strapi, addEmbargoState);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerVisibilityAnnouncer(strapi);
  },

  services: {
    // `plugin::visibility.rules`: the rule as configured, for the surfaces of other plugins that read
    // around the Document Service or date what became public (src/lib/visibility/visibilityService.ts).
    rules: rulesService,
    // `plugin::visibility.schedule`: the next instant at which a published document becomes visible
    // (what a cache must not outlive; the response-cache plugin's `boundedBy`).
    schedule: ({ strapi }: { strapi: Core.Strapi }) => ({
      nextChange: (now: Date): Promise<Date | undefined> => nextVisibilityChange(strapi, now),
    }),
  },
};
