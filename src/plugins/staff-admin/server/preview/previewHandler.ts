import type { Core, UID } from '@strapi/strapi';
import { siteConfig } from '../../../../lib/site/siteUrls';
import { previewUrl } from './previewUrl';

/** How preview links to drafts are signed: the secret shared with the site, and how long a link lasts. */
export type PreviewLinkOptions = { secret: string; ttlSeconds: number };

type HandlerParams = { documentId: string; locale?: string; status?: string };

/**
 * The admin's preview handler: looks up the slug of the version being edited (draft or published,
 * in its locale) and returns the address of its page on the site.
 */
export const createPreviewHandler =
  (getStrapi: () => Core.Strapi, links: PreviewLinkOptions) =>
  async (uid: string, { documentId, locale, status }: HandlerParams): Promise<string | null> => {
    const strapi = getStrapi();
    const model = strapi.getModel(uid as UID.ContentType) as { attributes?: Record<string, unknown> } | undefined;
    if (!model?.attributes) return null;

    let slug: string | undefined;
    if ('slug' in model.attributes) {
      const documents = strapi.documents(uid as UID.ContentType);
      const document = (await documents.findOne({
        documentId,
        locale,
        status: status === 'published' ? 'published' : 'draft',
        fields: ['slug'],
      } as never)) as { slug?: string | null } | null;
      if (!document?.slug) return null;
      slug = document.slug;
    }
    const expiresAt = new Date(Date.now() + links.ttlSeconds * 1000);
    // The default locale is i18n's, as for the sitemap and slugs (staff may change it in the admin panel).
    const defaultLocale = await strapi.plugin('i18n').service<{ getDefaultLocale(): Promise<string> }>('locales').getDefaultLocale();
    return previewUrl(siteConfig(strapi), { uid, locale, status, slug }, defaultLocale, { secret: links.secret, expiresAt }) ?? null;
  };
