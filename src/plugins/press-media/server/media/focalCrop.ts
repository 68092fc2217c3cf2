/** Strapi's focal point: percentages from the top-left corner, 0 to 100. */
export type FocalPoint = { x: number; y: number };
export type Size = { width: number; height: number };
export type Region = { left: number; top: number; width: number; height: number };

export const CENTRE: FocalPoint = { x: 50, y: 50 };

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** A usable focal point, or the centre when none was set or it is out of range. */
export const focalPointOf = (value: unknown): FocalPoint => {
  const point = value as Partial<FocalPoint> | null | undefined;
  const valid = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100;
  return point && valid(point.x) && valid(point.y) ? { x: point.x, y: point.y } : CENTRE;
};

/**
 * The part of an image to keep so that it fills `box` exactly, centred on the focal point as far as
 * the edges allow. Undefined when filling the box would need enlarging the image.
 */
export const focalCropRegion = (image: Size, box: Size, focal: FocalPoint): Region | undefined => {
  const scale = Math.max(box.width / image.width, box.height / image.height);
  if (scale > 1) return undefined;
  const width = Math.min(image.width, Math.round(box.width / scale));
  const height = Math.min(image.height, Math.round(box.height / scale));
  const left = Math.round(clamp((focal.x / 100) * image.width - width / 2, 0, image.width - width));
  const top = Math.round(clamp((focal.y / 100) * image.height - height / 2, 0, image.height - height));
  return { left, top, width, height };
};
