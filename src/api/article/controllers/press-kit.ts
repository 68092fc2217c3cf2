import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { knownLocaleQuery } from '../../../plugins/public-api/server/rest/localeQuery';
import { pressKitContent, type Release } from '../../../plugins/press-media/server/press-kit/pressKitContent';
import { streamPressKit } from '../../../plugins/press-media/server/press-kit/streamPressKit';
import { originalOpener } from '../../../plugins/press-media/server/media/openOriginal';

type Context = {
  params: { slug: string };
  query: Record<string, unknown>;
  body: unknown;
  type: string;
  attachment: (fileName: string) => void;
  set: (name: string, value: string) => void;
};

const IMAGE = { populate: { image: true } };

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The release is read through the Document Service like any Content API read, so the visibility
   * rule (draft, embargo, schedule) applies here exactly as on `GET /api/articles`.
   */
  async download(ctx: Context) {
    const { requested: locale } = await knownLocaleQuery(strapi, { locale: ctx.query.locale });
    const release = (await strapi.documents('api::article.article').findFirst({
      filters: { slug: ctx.params.slug },
      locale,
      status: 'published',
      populate: { cover: IMAGE, pressImages: IMAGE },
    })) as unknown as Release | null;
    if (!release) throw new errors.NotFoundError(`No published article « ${ctx.params.slug} » in ${locale}`);

    const kit = pressKitContent(release);
    const archive = await streamPressKit(kit, originalOpener(strapi), (error) => strapi.log.error(`Press kit ${kit.fileName}: ${error.message}`));
    ctx.attachment(kit.fileName);
    ctx.type = 'application/zip';
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = archive;
  },
});
