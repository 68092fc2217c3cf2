import type { Core } from '@strapi/strapi';
import { trackTranslations } from './middlewares/trackTranslations';
import { detailReadOf } from './middlewares/translation-meta';
import { addEnumQueryParam, allowWebhookEvent, appendDocumentationMutation } from './strapiInternals';
import { OUTDATED_EVENT } from './services/tracker';
import { translationServices } from './services';
import { documentTranslationMeta, translationRoutesDoc } from './openapi';

export const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(trackTranslations(strapi) as unknown as Parameters<Core.Strapi['documents']['use']>[0]);
  allowWebhookEvent(strapi, 'TRANSLATION_OUTDATED', OUTDATED_EVENT);

  const isFollowedDetailRead = (route: { method: string; handler?: unknown }) => {
    const uid = detailReadOf(route.handler);
    return route.method === 'GET' && uid !== undefined && translationServices(strapi).settings.isFollowed(uid);
  };
  addEnumQueryParam(strapi, 'translation', ['true', 'false'], isFollowedDetailRead);

  const documentation = strapi.plugin('documentation');
  if (documentation) {
    documentation.service('override').registerOverride(translationRoutesDoc);
    appendDocumentationMutation(strapi, (draft) => {
      const { settings } = translationServices(strapi);
      const paths = settings
        .followedTypes()
        .map((uid) => settings.followedContentType(uid))
        .filter((type) => type.kind === 'collectionType')
        .flatMap((type) => [`/${type.info.pluralName}/{id}`, `/${type.info.pluralName}/slug/{slug}`]);
      documentTranslationMeta(draft, paths);
    });
  }
};
