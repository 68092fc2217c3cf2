import type { Metadata } from 'sharp';
import { sharp } from './loadSharp';
import { errors } from '@strapi/utils';
import fs from 'node:fs/promises';
import {
  claimedImageFormat,
  contentRefusal,
  refusalFor,
  unreadableRefusal,
  type Refusal,
  type UploadFacts,
  type UploadLimits,
} from './uploadRules';
import { claimsPdf, detectContent, HEAD_BYTES, isImageContent } from './contentSignatures';
import { stripGpsPosition } from './stripGps';

/** The parts of a formidable file that the inspection reads. */
export type IncomingFile = { filepath: string; originalFilename?: string | null; mimetype?: string | null; size: number };

const headerOf = async (filepath: string): Promise<Metadata | undefined> => {
  try {
    // The pixel limit is ours to check, with a clear message, so sharp must not refuse the header first.
    return await sharp(filepath, { limitInputPixels: false }).metadata();
  } catch {
    return undefined;
  }
};

const decodeError = async (filepath: string, maxPixels: number): Promise<string | undefined> => {
  try {
    // Decoding to a small size still reads every byte of the image, so a cut file fails here, and
    // JPEG's shrink-on-load makes it about ten times faster than a full-size decode.
    await sharp(filepath, { failOn: 'truncated', limitInputPixels: maxPixels, animated: true })
      .resize(256, 256, { fit: 'inside' })
      .raw()
      .toBuffer();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

const firstBytes = async (filepath: string): Promise<Buffer> => {
  const handle = await fs.open(filepath, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

/** Reads what is needed to judge one upload; decodes it fully only when the header passed. */
export const findRefusal = async (file: IncomingFile, limits: UploadLimits): Promise<Refusal | undefined> => {
  const fileName = file.originalFilename ?? 'sans nom';
  const tooLarge = refusalFor({ fileName, sizeInBytes: file.size }, limits);
  if (tooLarge) return tooLarge;
  let claimed = claimedImageFormat(fileName, file.mimetype);
  if (!claimed) {
    // Not named as an image: its first bytes must be an accepted type, and a PDF if named as one.
    const content = detectContent(await firstBytes(file.filepath));
    const refusal = contentRefusal(fileName, claimsPdf(fileName, file.mimetype), content);
    if (refusal) return refusal;
    // An image under another name (no extension, a generic type) gets every image check.
    if (isImageContent(content)) claimed = content;
  }
  const header = claimed ? await headerOf(file.filepath) : undefined;
  const facts: UploadFacts = {
    fileName,
    sizeInBytes: file.size,
    claimed,
    detected: header?.format,
    width: header?.width,
    height: header?.pageHeight ?? header?.height,
    pages: header?.pages,
  };
  const refusal = refusalFor(facts, limits);
  if (refusal || !claimed) return refusal;
  const failure = await decodeError(file.filepath, limits.maxPixels);
  return failure ? unreadableRefusal(fileName, failure) : undefined;
};

const errorFor = (refusal: Refusal) =>
  refusal.kind === 'too-large'
    ? new errors.PayloadTooLargeError(refusal.message, { reason: refusal.kind })
    : new errors.ValidationError(refusal.message, { reason: refusal.kind });

/** Refuses the whole request at the first bad file, before any file of it is stored. */
export const rejectBadUploads = async (files: IncomingFile | IncomingFile[], limits: UploadLimits): Promise<void> => {
  for (const file of Array.isArray(files) ? files : [files]) {
    const refusal = await findRefusal(file, limits);
    if (refusal) throw errorFor(refusal);
  }
};

/** Takes the GPS position out of every image of an accepted request, before anything is stored. */
export const stripGpsFromUploads = async (files: IncomingFile | IncomingFile[]): Promise<void> => {
  for (const file of Array.isArray(files) ? files : [files]) {
    if (!isImageContent(detectContent(await firstBytes(file.filepath)))) continue;
    if ((await stripGpsPosition(file.filepath)) === 'reencoded') file.size = (await fs.stat(file.filepath)).size;
  }
};
