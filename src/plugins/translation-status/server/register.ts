import type { Core } from '@strapi/strapi';
import { trackTranslations } from './middlewares/trackTranslations';
import { detailReadOf } from './middlewares/translation-meta';
import { addEnumQueryParam, allowWebhookEvent, appendDocumentationMutation } from './strapiInternals';
import { OUTDATED_EVENT } from './services/tracker';
import { documentTranslationMeta, translationRoutesDoc } from './openapi';

type ContentTypeLike = { uid: string; kind: string; info: { pluralName: string; singularName: string } };

export const register = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(trackTranslations(strapi) as unknown as Parameters<Core.Strapi['documents']['use']>[0]);
  allowWebhookEvent(strapi, 'TRANSLATION_OUTDATED', OUTDATED_EVENT);

  const isFollowedDetailRead = (route: { method: string; handler?: unknown }) => {
    const uid = detailReadOf(route.handler);
    return route.method === 'GET' && uid !== undefined && strapi.plugin('translation-status').service('settings').isFollowed(uid);
  };
  addEnumQueryParam(strapi, 'translation', ['true', 'false'], isFollowedDetailRead);

  const documentation = strapi.plugin('documentation');
  if (documentation) {
    documentation.service('override').registerOverride(translationRoutesDoc);
    appendDocumentationMutation(strapi, (draft) => {
      const settings = strapi.plugin('translation-status').service('settings');
      const paths = (settings.followedTypes() as string[])
        .map((uid) => settings.contentType(uid) as ContentTypeLike)
        .filter((type) => type.kind === 'collectionType')
        .flatMap((type) => [`/${type.info.pluralName}/{id}`, `/${type.info.pluralName}/slug/{slug}`]);
      documentTranslationMeta(draft, paths);
    });
  }
};
