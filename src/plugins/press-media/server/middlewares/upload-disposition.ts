import path from 'node:path';
import type { Core } from '@strapi/strapi';

/** Types a browser may show in the page: raster images. Anything else (PDF, SVG) is downloaded. */
const isInlineImage = (type: string): boolean => type.startsWith('image/') && type !== 'image/svg+xml';

/**
 * Files of the media library served by this server (the local provider, under /uploads) that are not
 * images are sent as downloads (`Content-Disposition: attachment`) with `nosniff`, so a document can
 * never run as a page of this origin, whatever it contains.
 */
const uploadDisposition: Core.MiddlewareFactory = () => async (ctx, next) => {
  await next();
  if (!ctx.path.startsWith('/uploads/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return;
  if (ctx.status !== 200 && ctx.status !== 206 && ctx.status !== 304) return;
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (!isInlineImage(ctx.response.type))
    ctx.set('Content-Disposition', `attachment; filename="${path.basename(ctx.path).replace(/[^\w.-]/g, '_')}"`);
};

export default uploadDisposition;
