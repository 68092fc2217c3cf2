import type { Core, UID } from '@strapi/strapi';
import type { TranslationStatusConfig } from '../config';
import { isLocalized, type SchemaLike } from '../utils/localizedFingerprint';
import { hasDraftAndPublish } from '../../../../lib/schema/modelAttributes';

type ContentTypeLike = SchemaLike & {
  uid: string;
  kind: string;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: unknown;
  info: { pluralName: string };
};

/** What the plugin acts on: read from its configuration and the content types' schemas. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get<TranslationStatusConfig>('plugin::translation-status');

  const contentType = (uid: string) => strapi.contentType(uid as UID.ContentType) as unknown as ContentTypeLike | undefined;

  const isFollowed = (uid: string): boolean => {
    const model = contentType(uid);
    if (!model || !isLocalized(model as never)) return false;
    const wanted = config().contentTypes;
    return wanted === 'localized' ? uid.startsWith('api::') : wanted.includes(uid);
  };

  /** A type the caller knows to be followed (its records exist); an unknown one is a bug, said loudly. */
  const followedContentType = (uid: string): ContentTypeLike => {
    const model = contentType(uid);
    if (!model) throw new Error(`[translation-status] no content type ${uid}`);
    return model;
  };

  return {
    config,
    contentType,
    followedContentType,
    isFollowed,
    followedTypes: (): string[] => Object.keys(strapi.contentTypes).filter(isFollowed),
    ignoredFields: (uid: string): string[] => config().ignoredFields[uid] ?? [],
    component: (uid: string) => strapi.components[uid as keyof typeof strapi.components] as unknown as SchemaLike | undefined,
    hasDraftAndPublish: (uid: string) => hasDraftAndPublish(strapi, uid),
    async sourceLocale(): Promise<string> {
      const configured = config().sourceLocale;
      if (configured) return configured;
      const locales = strapi.plugin('i18n').service<{ getDefaultLocale(): Promise<string> }>('locales');
      return locales.getDefaultLocale();
    },
  };
};
