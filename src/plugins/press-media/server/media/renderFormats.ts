import fs from 'node:fs';
import path from 'node:path';
import type { Sharp } from 'sharp';
import { sharp } from './loadSharp';
import type { FormatSpec } from './formatPlan';
import { focalCropRegion, type FocalPoint } from './focalCrop';
import type { MediaSettings, OutputType } from './mediaSettings';

export const MIME_OF: Record<OutputType, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };
export const EXTENSION_OF: Record<OutputType, string> = { jpeg: '.jpg', png: '.png', webp: '.webp', avif: '.avif' };

/**
 * A decoded, upright copy of the original, no larger than the biggest format needs, kept in a
 * libvips file next to the upload: every format reads it without decoding the original again, and
 * the pixels never become a JavaScript buffer (large buffers bring long garbage-collection pauses).
 */
export type WorkingCopy = { path: string; width: number; height: number };

/** The shape Strapi's upload service stores in `formats` and hands to the provider. */
export type RenderedFormat = {
  name: string;
  hash: string;
  ext: string;
  mime: string;
  path: string | null;
  width: number;
  height: number;
  size: number;
  sizeInBytes: number;
  filepath: string;
  getStream: () => fs.ReadStream;
};

export const decodeWorkingCopy = async (input: string, maxSide: number, output: string): Promise<WorkingCopy> => {
  const info = await sharp(input).rotate().resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true }).toFile(output);
  return { path: output, width: info.width, height: info.height };
};

/** Creator and copyright, as EXIF IFD0 names them. */
export type Credits = { Artist?: string; Copyright?: string };

export const fromWorkingCopy = (copy: WorkingCopy): Sharp => sharp(copy.path);

const encodeAs = (image: Sharp, output: OutputType, settings: MediaSettings): Sharp => {
  const quality = settings.quality[output];
  switch (output) {
    case 'jpeg':
      return image.jpeg({ quality, progressive: true });
    case 'png':
      return image.png({ compressionLevel: 8 });
    case 'webp':
      return image.webp({ quality });
    case 'avif':
      return image.avif({ quality, effort: settings.avifEffort });
  }
};

const sized = (copy: WorkingCopy, spec: FormatSpec, focal: FocalPoint): Sharp => {
  const image = fromWorkingCopy(copy);
  if (spec.fit === 'crop') {
    const region = focalCropRegion(copy, spec.box, focal);
    if (region) return image.extract(region).resize(spec.box.width, spec.box.height, { fit: 'fill' });
  }
  return image.resize(spec.box.width, spec.box.height, { fit: 'inside', withoutEnlargement: true });
};

/** Writes one format next to the upload's temporary files; Strapi's provider stores it afterwards. */
export const renderFormat = async (
  copy: WorkingCopy,
  spec: FormatSpec,
  original: { name: string; hash: string; path?: string | null; focal: FocalPoint; directory: string; credits?: Credits },
  settings: MediaSettings
): Promise<RenderedFormat> => {
  const ext = EXTENSION_OF[spec.output];
  const hash = `${spec.key}_${original.hash}`;
  const filepath = path.join(original.directory, `${hash}${ext}`);
  const encoded = encodeAs(sized(copy, spec, original.focal), spec.output, settings);
  // Formats carry only the creator and the copyright of the original: no position, no camera data.
  const credited = original.credits && Object.keys(original.credits).length > 0 ? encoded.withExif({ IFD0: original.credits }) : encoded;
  const info = await credited.toFile(filepath);
  return {
    name: `${spec.key}_${original.name.replace(/\.[^.]+$/, '')}${ext}`,
    hash,
    ext,
    mime: MIME_OF[spec.output],
    path: original.path ?? null,
    width: info.width,
    height: info.height,
    size: Math.round((info.size / 1000) * 100) / 100,
    sizeInBytes: info.size,
    filepath,
    getStream: () => fs.createReadStream(filepath),
  };
};
