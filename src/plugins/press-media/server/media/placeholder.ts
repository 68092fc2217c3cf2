import type { Sharp } from 'sharp';
import { encode } from 'blurhash';

/** What a site paints before the image arrives. */
export type Placeholder = { blurhash: string; dominantColor: string };

/** Small enough that encoding stays well under a millisecond of JavaScript on the event loop. */
const SAMPLE_SIZE = 32;
const COMPONENTS = { x: 4, y: 3 };

export const hexColour = ({ r, g, b }: { r: number; g: number; b: number }): string =>
  `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

/** Blurhash components that follow the image's shape: more along its longer side. */
export const componentsFor = (width: number, height: number): { x: number; y: number } =>
  width >= height ? COMPONENTS : { x: COMPONENTS.y, y: COMPONENTS.x };

/** Computes the placeholder from an already decoded image (the pipeline's working copy). */
export const computePlaceholder = async (image: Sharp): Promise<Placeholder> => {
  const [sample, stats] = await Promise.all([
    image.clone().resize(SAMPLE_SIZE, SAMPLE_SIZE, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true }),
    image.clone().stats(),
  ]);
  const components = componentsFor(sample.info.width, sample.info.height);
  return {
    blurhash: encode(new Uint8ClampedArray(sample.data), sample.info.width, sample.info.height, components.x, components.y),
    dominantColor: hexColour(stats.dominant),
  };
};
