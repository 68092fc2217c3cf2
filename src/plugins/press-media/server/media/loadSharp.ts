import type sharpFactory from 'sharp';
import type { Sharp } from 'sharp';

/**
 * sharp, loaded with the first image processed rather than at boot: its native library (libvips)
 * costs boot time and resident memory on every instance, most of which only serve reads (issue 16).
 */
export const sharp = ((...args: unknown[]) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('sharp') as (...input: unknown[]) => Sharp)(...args)) as unknown as typeof sharpFactory;
