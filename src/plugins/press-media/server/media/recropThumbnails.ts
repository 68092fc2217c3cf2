import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { focalPointOf, type FocalPoint } from './focalCrop';
import { THUMBNAIL_KEY } from './formatPlan';
import { originalOpener } from './openOriginal';
import { renderImage } from './responsiveImages';
import type { RenderedFormat } from './renderFormats';

type StoredFormat = Record<string, unknown> & { url?: string };
export type StoredImageFile = {
  id: number;
  name: string;
  hash: string;
  url: string;
  path?: string | null;
  provider?: string;
  focalPoint?: unknown;
  formats?: Record<string, StoredFormat> | null;
};

/** What Strapi keeps of a format once the provider has stored it. */
const STORED_FIELDS = ['name', 'hash', 'ext', 'mime', 'path', 'width', 'height', 'size', 'sizeInBytes', 'url'] as const;

/** True when an edit moved the focal point, so the cropped formats no longer match it. */
export const focalPointMoved = (before: unknown, after: unknown): boolean => {
  const [a, b] = [focalPointOf(before), focalPointOf(after)];
  return a.x !== b.x || a.y !== b.y;
};

/** Each crop gets its own file name, so a site or CDN never serves the previous crop under the same URL. */
export const focalHash = (hash: string, focal: FocalPoint): string => `${hash}_f${Math.round(focal.x)}x${Math.round(focal.y)}`;

export const isCroppedFormat = (key: string): boolean => key === THUMBNAIL_KEY || key.startsWith(`${THUMBNAIL_KEY}_`);

const storedFieldsOf = (format: RenderedFormat): StoredFormat =>
  Object.fromEntries(STORED_FIELDS.map((field) => [field, (format as unknown as Record<string, unknown>)[field]]));

/**
 * Re-crops the thumbnail formats of a stored image around its current focal point, from the original
 * file, then swaps them in and deletes the previous crops. The other formats are not cropped and stay.
 */
export const recropThumbnails = async (strapi: Core.Strapi, file: StoredImageFile): Promise<void> => {
  const previous = file.formats ?? {};
  const croppedKeys = Object.keys(previous).filter(isCroppedFormat);
  if (croppedKeys.length === 0 || file.provider !== strapi.config.get('plugin::upload.provider')) return;

  const directory = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'passerelle-recrop-'));
  try {
    const { formats } = await renderImage(
      strapi,
      {
        stream: await originalOpener(strapi)(file),
        name: file.name,
        hash: focalHash(file.hash, focalPointOf(file.focalPoint)),
        path: file.path,
        focalPoint: file.focalPoint,
        directory,
      },
      (spec) => spec.fit === 'crop'
    );
    const providerService = strapi.plugin('upload').service<{ upload: (format: RenderedFormat) => Promise<void> }>('provider');
    const crops: Record<string, StoredFormat> = {};
    for (const { key, file: format } of formats) {
      await providerService.upload(format);
      crops[key] = storedFieldsOf(format);
    }
    await strapi.db.query('plugin::upload.file').update({ where: { id: file.id }, data: { formats: { ...previous, ...crops } } });

    const provider = strapi.plugin('upload').provider as { delete: (format: StoredFormat) => Promise<void> };
    const replaced = croppedKeys.filter((key) => previous[key].url !== crops[key]?.url);
    await Promise.all(replaced.map((key) => provider.delete(previous[key])));
  } finally {
    await fs.promises.rm(directory, { recursive: true, force: true });
  }
};
