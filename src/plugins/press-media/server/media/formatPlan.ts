import type { Breakpoints, OutputType } from './mediaSettings';
import type { Size } from './focalCrop';

export const THUMBNAIL_KEY = 'thumbnail';

/** One file to produce: its format key (`small`, `small_webp`), its box, and how it is fitted. */
export type FormatSpec = {
  key: string;
  /** The breakpoint or thumbnail this file belongs to. */
  base: string;
  output: OutputType;
  box: Size;
  fit: 'inside' | 'crop';
};

/** The encoding of the main format of each size: the original's when browsers show it, else JPEG. */
export const mainOutputFor = (sourceFormat: string | undefined, hasAlpha: boolean): OutputType => {
  if (sourceFormat === 'jpeg' || sourceFormat === 'png' || sourceFormat === 'webp') return sourceFormat;
  if (sourceFormat === 'heif') return 'avif';
  return hasAlpha ? 'png' : 'jpeg';
};

/** Strapi's rule, kept so its admin panel agrees: a breakpoint applies when the image exceeds it on a side. */
export const breakpointApplies = (breakpoint: number, image: Size): boolean => breakpoint < image.width || breakpoint < image.height;

/**
 * Every file the pipeline writes for one image: a thumbnail cropped to its box, one format per
 * breakpoint smaller than the image (never enlarged), and each in the extra encodings.
 */
export const planFormats = (
  image: Size,
  options: { main: OutputType; variants: OutputType[]; breakpoints: Breakpoints; thumbnail: Size; responsive: boolean }
): FormatSpec[] => {
  const sizes: Array<Omit<FormatSpec, 'key' | 'output'>> = [];
  if (image.width > options.thumbnail.width || image.height > options.thumbnail.height) {
    sizes.push({ base: THUMBNAIL_KEY, box: options.thumbnail, fit: 'crop' });
  }
  if (options.responsive) {
    Object.entries(options.breakpoints)
      .filter(([, breakpoint]) => breakpointApplies(breakpoint, image))
      .sort(([, a], [, b]) => a - b)
      .forEach(([base, breakpoint]) => sizes.push({ base, box: { width: breakpoint, height: breakpoint }, fit: 'inside' }));
  }
  const outputs = [options.main, ...options.variants.filter((variant) => variant !== options.main)];
  return sizes.flatMap((size) =>
    outputs.map((output, index) => ({ ...size, output, key: index === 0 ? size.base : `${size.base}_${output}` }))
  );
};

/** The largest box the plan needs, so the original is decoded once, down to that size. */
export const workingSize = (image: Size, plan: FormatSpec[]): number =>
  plan.filter((spec) => spec.fit === 'inside').reduce((largest, spec) => Math.max(largest, spec.box.width), 0) ||
  Math.max(image.width, image.height);
