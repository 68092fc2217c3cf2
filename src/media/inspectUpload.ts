import sharp, { type Metadata } from 'sharp';
import { errors } from '@strapi/utils';
import { claimedImageFormat, refusalFor, unreadableRefusal, type Refusal, type UploadFacts, type UploadLimits } from './uploadRules';

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

/** Reads what is needed to judge one upload; decodes it fully only when the header passed. */
export const findRefusal = async (file: IncomingFile, limits: UploadLimits): Promise<Refusal | undefined> => {
  const fileName = file.originalFilename ?? 'sans nom';
  const claimed = claimedImageFormat(fileName, file.mimetype);
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
