import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Metadata } from 'sharp';
import { sharp } from './loadSharp';
import type { Core } from '@strapi/strapi';
import { planFormats, mainOutputFor, workingSize, type FormatSpec } from './formatPlan';
import { focalPointOf } from './focalCrop';
import { breakpointsOf, mediaSettings } from './mediaSettings';
import { computePlaceholder, type Placeholder } from './placeholder';
import { creditsInTiff, tiffStartOf } from './stripGps';
import { decodeWorkingCopy, fromWorkingCopy, renderFormat, type RenderedFormat } from './renderFormats';
import { uploadSettings } from '../strapiInternals';

/** The upload service's file while it is being processed (the fields this pipeline reads and sets). */
export type FileInProcess = {
  name: string;
  hash: string;
  path?: string | null;
  focalPoint?: unknown;
  tmpWorkingDirectory?: string;
  placeholder?: Placeholder;
  getStream: () => NodeJS.ReadableStream;
};

/** The bytes to process as a file of our own: the provider may already have moved on from Strapi's copy. */
const copySource = async (stream: NodeJS.ReadableStream, target: string): Promise<string> => {
  await pipeline(stream, fs.createWriteStream(target));
  return target;
};

/** EXIF orientations 5 to 8 turn the picture a quarter: its upright width is its stored height. */
const uprightSize = (metadata: Metadata) => {
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  return (metadata.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
};

export type ImageToRender = {
  stream: NodeJS.ReadableStream;
  name: string;
  /** Prefix of every format's hash (and so of its file name and URL). */
  hash: string;
  path?: string | null;
  focalPoint?: unknown;
  directory: string;
};

/**
 * Formats of one image (thumbnail cropped around the focal point, each breakpoint, each in WebP and
 * AVIF too) and its placeholder, from a single decode of the original. `only` narrows the plan.
 * Formats are encoded one after another: each runs in sharp's thread pool, and one at a time leaves
 * a core free for API requests.
 */
export const renderImage = async (
  strapi: Core.Strapi,
  image: ImageToRender,
  only: (spec: FormatSpec) => boolean = () => true
): Promise<{ formats: Array<{ key: string; file: RenderedFormat }>; placeholder: Placeholder }> => {
  const settings = mediaSettings(strapi);
  const settingsOfLibrary = await uploadSettings(strapi);
  const source = await copySource(image.stream, path.join(image.directory, `source_${image.hash}`));
  const workingPath = path.join(image.directory, `working_${image.hash}.v`);
  try {
    const metadata = await sharp(source).metadata();
    const upright = uprightSize(metadata);
    const plan = planFormats(upright, {
      main: mainOutputFor(metadata.format, metadata.hasAlpha ?? false),
      variants: settings.variants,
      breakpoints: breakpointsOf(strapi),
      thumbnail: settings.thumbnail,
      responsive: settingsOfLibrary?.responsiveDimensions !== false,
    }).filter(only);
    const copy = await decodeWorkingCopy(source, workingSize(upright, plan), workingPath);
    const placeholder = await computePlaceholder(fromWorkingCopy(copy));

    const credits = metadata.exif ? creditsInTiff(metadata.exif, tiffStartOf(metadata.exif), metadata.exif.length) : {};
    const original = {
      name: image.name,
      hash: image.hash,
      path: image.path,
      focal: focalPointOf(image.focalPoint),
      directory: image.directory,
      credits,
    };
    const formats: Array<{ key: string; file: RenderedFormat }> = [];
    for (const spec of plan) {
      formats.push({ key: spec.key, file: await renderFormat(copy, spec, original, settings) });
    }
    return { formats, placeholder };
  } finally {
    // The formats stay for the provider to store; the copies made to produce them go now.
    await Promise.all([source, workingPath].map((temporary) => fs.promises.rm(temporary, { force: true })));
  }
};

/**
 * Strapi's `generateResponsiveFormats` for every upload and replace. It also sets the file's
 * placeholder, which Strapi then stores with the file.
 */
export const generateAllFormats = async (
  strapi: Core.Strapi,
  file: FileInProcess
): Promise<Array<{ key: string; file: RenderedFormat }>> => {
  const { formats, placeholder } = await renderImage(strapi, {
    stream: file.getStream(),
    name: file.name,
    hash: file.hash,
    path: file.path,
    focalPoint: file.focalPoint,
    directory: file.tmpWorkingDirectory ?? os.tmpdir(),
  });
  file.placeholder = placeholder;
  return formats;
};
