import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { knownLocaleQuery } from '../../../../lib/locales/localeQuery';
import { pressMediaConfig } from '../config';
import { pressKitContent } from '../press-kit/pressKitContent';
import { readRelease } from '../press-kit/readRelease';
import { streamPressKit } from '../press-kit/streamPressKit';
import { originalOpener } from '../media/openOriginal';

type Context = {
  params: { slug: string };
  query: Record<string, unknown>;
  body: unknown;
  type: string;
  attachment: (fileName: string) => void;
  set: (name: string, value: string) => void;
};

/** The press kit of the configured type: the app's route hands its request here (`download`). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async download(ctx: Context) {
    const { pressKit } = pressMediaConfig(strapi);
    if (!pressKit) throw new errors.NotFoundError('No content type offers a press kit (press-media config.pressKit)');
    const { requested: locale } = await knownLocaleQuery(strapi, { locale: ctx.query.locale });
    const release = await readRelease(strapi, pressKit, ctx.params.slug, locale);
    if (!release)
      throw new errors.NotFoundError(
        `No published ${strapi.getModel(pressKit.type as UID.ContentType).info.singularName} « ${ctx.params.slug} » in ${locale}`
      );

    const kit = pressKitContent(release);
    const archive = await streamPressKit(kit, originalOpener(strapi), (error) =>
      strapi.log.error(`Press kit ${kit.fileName}: ${error.message}`)
    );
    ctx.attachment(kit.fileName);
    ctx.type = 'application/zip';
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = archive;
  },
});
