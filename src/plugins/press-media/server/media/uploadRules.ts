import path from 'node:path';

/** What sharp calls each image type we accept, by the extension a file name claims. */
const FORMAT_OF_EXTENSION: Record<string, string> = {
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.jfif': 'jpeg',
  '.png': 'png',
  '.webp': 'webp',
  '.gif': 'gif',
  '.avif': 'heif',
  '.tif': 'tiff',
  '.tiff': 'tiff',
};

const FORMAT_OF_MIME: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'heif',
  'image/tiff': 'tiff',
};

/** The raster image type a file claims to be, by its name first, else by its declared type. */
export const claimedImageFormat = (fileName: string, declaredMime?: string | null): string | undefined =>
  FORMAT_OF_EXTENSION[path.extname(fileName).toLowerCase()] ?? FORMAT_OF_MIME[(declaredMime ?? '').toLowerCase()];

export type UploadFacts = {
  fileName: string;
  sizeInBytes: number;
  claimed?: string;
  /** What sharp read in the header; undefined when it could not read one. */
  detected?: string;
  width?: number;
  height?: number;
  /** Frames of an animation, each decoded at full size. */
  pages?: number;
};

export type UploadLimits = { sizeLimit?: number; maxPixels: number };

export type Refusal = {
  kind: 'too-large' | 'not-an-image' | 'wrong-type' | 'too-many-pixels' | 'unreadable' | 'unrecognised-content';
  message: string;
};

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
const megapixels = (pixels: number) => `${Math.round(pixels / 100_000) / 10} MP`;

/** Why an upload is refused from what its header says, before anything is decoded or stored. */
export const refusalFor = (facts: UploadFacts, limits: UploadLimits): Refusal | undefined => {
  const name = `« ${facts.fileName} »`;
  if (limits.sizeLimit !== undefined && facts.sizeInBytes > limits.sizeLimit) {
    return { kind: 'too-large', message: `${name} weighs ${megabytes(facts.sizeInBytes)}, above the ${megabytes(limits.sizeLimit)} limit` };
  }
  if (!facts.claimed) return undefined;
  if (!facts.detected) {
    return { kind: 'not-an-image', message: `${name} is named as an image (${facts.claimed}) but its content is not an image` };
  }
  if (facts.detected !== facts.claimed) {
    return { kind: 'wrong-type', message: `${name} is named as ${facts.claimed} but its content is ${facts.detected}` };
  }
  const pixels = (facts.width ?? 0) * (facts.height ?? 0) * Math.max(1, facts.pages ?? 1);
  if (!facts.width || !facts.height) {
    return { kind: 'unreadable', message: `${name} has no readable dimensions` };
  }
  if (pixels > limits.maxPixels) {
    return {
      kind: 'too-many-pixels',
      message: `${name} declares ${facts.width}×${facts.height} pixels (${megapixels(pixels)}), above the ${megapixels(limits.maxPixels)} limit`,
    };
  }
  return undefined;
};

export const unreadableRefusal = (fileName: string, reason: string): Refusal => ({
  kind: 'unreadable',
  message: `« ${fileName} » is truncated or corrupt and cannot be decoded (${reason})`,
});

/**
 * Why a file not named as an image is refused, from what its first bytes are: every accepted type is
 * checked by its content, so an HTML page named `.pdf` is not stored as a PDF.
 */
export const contentRefusal = (fileName: string, claimsPdf: boolean, detected: string | undefined): Refusal | undefined => {
  const name = `« ${fileName} »`;
  if (!detected) {
    return {
      kind: 'unrecognised-content',
      message: claimsPdf
        ? `${name} is named as a PDF but its content is not a PDF`
        : `${name} is neither a JPEG, PNG, WebP, AVIF, GIF or TIFF image nor a PDF document`,
    };
  }
  if (claimsPdf && detected !== 'pdf') return { kind: 'wrong-type', message: `${name} is named as pdf but its content is ${detected}` };
  return undefined;
};
