import type { Core } from '@strapi/strapi';
import { isOutputType, type MediaSettings } from '../src/plugins/press-media/server/media/mediaSettings';

/** How uploaded images are processed (see README, "Images in API responses"). */
const config = ({ env }: Core.Config.Shared.ConfigParams): MediaSettings => ({
  variants: env.array('MEDIA_VARIANTS', ['webp', 'avif']).map(String).filter(isOutputType),
  maxPixels: env.int('MEDIA_MAX_MEGAPIXELS', 100) * 1_000_000,
  thumbnail: { width: 245, height: 156 },
  quality: { jpeg: 82, png: 100, webp: 78, avif: 50 },
  avifEffort: env.int('MEDIA_AVIF_EFFORT', 0),
});

export default config;
