import type { Core } from '@strapi/strapi';
import { distributionContext } from '../distributionContext';
import { DIGEST_CONTENT_TYPES, parseDigestQuery } from '../digest/digestQuery';
import { readDigest } from '../digest/readDigest';
import { renderDigestHtml } from '../digest/renderDigestHtml';
import { renderDigestText } from '../digest/renderDigestText';
import { distributionConfig } from '../config';
import { inLocale } from '../feeds/feedChannels';
import { now, siteTimezone } from '../../../../lib/clock/clock';

type Context = Parameters<Core.MiddlewareHandler>[0];

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async digest(ctx: Context) {
    const query = ctx.query as Record<string, unknown>;
    const context = await distributionContext(strapi, ctx, query.locale);
    const { since, format } = parseDigestQuery(query, now(), siteTimezone());
    const digest = await readDigest(strapi, context, since);
    if (format === 'json') {
      const { sections, ...meta } = digest;
      ctx.body = {
        data: sections,
        meta: { ...meta, counts: Object.fromEntries(Object.entries(sections).map(([section, items]) => [section, items.length])) },
      };
      return;
    }
    const titles = Object.fromEntries(
      Object.entries(distributionConfig(strapi).digest.sections).map(([name, section]) => [name, inLocale(section.titles, context.locale)])
    );
    ctx.type = DIGEST_CONTENT_TYPES[format];
    ctx.body = format === 'html' ? renderDigestHtml(digest, siteTimezone(), titles) : renderDigestText(digest, siteTimezone(), titles);
  },
});
