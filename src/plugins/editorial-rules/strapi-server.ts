import type { Core, UID } from '@strapi/strapi';
import { registerDocumentMiddleware } from '../../lib/documents/documentMiddleware';
import { addOutputVisitor } from '../../lib/output/outputSanitizer';
import { rejectMalformedValues } from './server/validation/rejectMalformedValues';
import { rejectNulCharacters } from './server/validation/rejectNulCharacters';
import { assignSlug } from './server/slugs/assignSlug';
import { ensureUniqueSlugIndexes, slugIndexes, type SlugIndex } from './server/slugs/uniqueSlugIndexes';
import { enforceContentRules } from './server/validation/enforceContentRules';
import { buildRules } from './server/validation/contentRules';
import { requireAltTextOnPublish } from './server/accessibility/requireAltTextOnPublish';
import { shareRelationsAcrossLocales } from './server/i18n/shareRelations';
import { rejectUnknownLocales } from './server/i18n/rejectUnknownLocales';
import { addDateStatus } from './server/editions/addEditionStatus';
import { configuredTypeProblems, DEFAULT_SETTINGS, matchesType, validateSettings, type EditorialRulesSettings } from './server/settings';

type ModelLike = { attributes: Record<string, { type?: string }>; pluginOptions?: { i18n?: { localized?: boolean } } };

const settingsOf = (strapi: Core.Strapi): EditorialRulesSettings => {
  const settings = strapi.config.get<EditorialRulesSettings>('plugin::editorial-rules');
  const problems = configuredTypeProblems(
    settings,
    (uid) => {
      const model = strapi.contentType(uid as UID.ContentType) as unknown as ModelLike | undefined;
      return model && { attributes: model.attributes, localized: model.pluginOptions?.i18n?.localized === true };
    },
    (uid) => uid in strapi.components
  );
  if (problems.length > 0) throw new Error(`editorial-rules.${problems.join('; editorial-rules.')}`);
  return settings;
};

export default {
  config: {
    default: DEFAULT_SETTINGS,
    validator: validateSettings,
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    const settings = settingsOf(strapi);
    const checked = (uid: string) => matchesType(settings.contentTypes, uid);
    // Column names are known once the database has loaded the models, after register.
    let indexes: SlugIndex[] | undefined;
    const slugIndexesOnceLoaded = () => (indexes ??= slugIndexes(strapi, settings.slugs));
    // Document middlewares run in this order, inside the visibility plugin's.
    registerDocumentMiddleware(strapi, rejectUnknownLocales(strapi, checked));
    registerDocumentMiddleware(strapi, rejectMalformedValues(strapi, checked));
    registerDocumentMiddleware(strapi, rejectNulCharacters(checked));
    registerDocumentMiddleware(strapi, assignSlug(strapi, settings.slugs, slugIndexesOnceLoaded));
    registerDocumentMiddleware(strapi, enforceContentRules(strapi, checked, buildRules(settings.rules)));
    registerDocumentMiddleware(strapi, requireAltTextOnPublish(strapi, settings.altText));
    registerDocumentMiddleware(strapi, shareRelationsAcrossLocales(strapi, settings.sharedRelations));
    addOutputVisitor(strapi, addDateStatus(settings.dateStatus));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureUniqueSlugIndexes(strapi, slugIndexes(strapi, strapi.config.get<EditorialRulesSettings>('plugin::editorial-rules').slugs));
  },
};
