import type { Core } from '@strapi/strapi';

/** The encodings a format can be written in; the original's own type is kept when it is one of them. */
export type OutputType = 'jpeg' | 'png' | 'webp' | 'avif';

export type MediaSettings = {
  /** Extra encodings written beside each format, e.g. `small_webp`, `small_avif`. */
  variants: OutputType[];
  /** Width × height above which an upload is refused as a decompression bomb. */
  maxPixels: number;
  /** The thumbnail is cropped to exactly this box, around the focal point. */
  thumbnail: { width: number; height: number };
  quality: Record<OutputType, number>;
  /** AVIF is slow to encode: 0 is the fastest effort, 9 the smallest files. */
  avifEffort: number;
};

/** Strapi's breakpoint rule: a format fits inside a square of this many pixels. */
export type Breakpoints = Record<string, number>;

export const DEFAULT_BREAKPOINTS: Breakpoints = { xlarge: 2400, large: 1600, medium: 1024, small: 640 };

export const OUTPUT_TYPES: readonly OutputType[] = ['jpeg', 'png', 'webp', 'avif'];

export const isOutputType = (value: string): value is OutputType => (OUTPUT_TYPES as readonly string[]).includes(value);

export const mediaSettings = (strapi: Core.Strapi): MediaSettings => strapi.config.get<MediaSettings>('media');

export const breakpointsOf = (strapi: Core.Strapi): Breakpoints =>
  strapi.config.get<Breakpoints>('plugin::upload.breakpoints', DEFAULT_BREAKPOINTS);
