import crypto from 'node:crypto';
import sharp from 'sharp';
import type { TestServer } from './strapi';

/** A real JPEG of the given size, drawn in the test (no fixture files, no third-party images). */
export const makeJpeg = (width: number, height: number, colour = { r: 200, g: 60, b: 120 }): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality: 80 })
    .toBuffer();

type UploadedFile = { id: number; documentId: string; name: string; alternativeText: string | null; [key: string]: unknown };

/** One responsive format of a stored image, as the upload routes answer it. */
export type StoredFormat = {
  name: string;
  hash: string;
  ext: string;
  mime: string;
  width: number;
  height: number;
  size: number;
  sizeInBytes: number;
  url: string;
};

const SHARP_FORMAT: Record<string, string> = { 'image/jpeg': 'jpeg', 'image/webp': 'webp', 'image/avif': 'heif' };

/** What a stored format's bytes really are, and what its listing says they are: a test expects the two equal. */
export const realAndListed = async (key: string, format: StoredFormat, bytes: Buffer) => {
  const metadata = await sharp(bytes).metadata();
  return {
    real: { key, format: metadata.format, width: metadata.width, height: metadata.height, bytes: bytes.length },
    listed: { key, format: SHARP_FORMAT[format.mime], width: format.width, height: format.height, bytes: format.sizeInBytes },
  };
};

/** A stored image with what the press media pipeline adds: formats, focal point, placeholder. */
export type StoredImage = {
  id: number;
  hash: string;
  ext: string;
  width: number;
  height: number;
  mime: string;
  url: string;
  size: number;
  provider: string;
  focalPoint: { x: number; y: number } | null;
  formats: Record<string, StoredFormat>;
  placeholder: { blurhash: string; dominantColor: string } | null;
};

/** Uploads through the REST upload route, as a site or an integration would. */
export const uploadImage = async (
  server: TestServer,
  token: string,
  file: { buffer: Buffer; name: string; mime?: string },
  fileInfo: Record<string, unknown> = {}
) => {
  const response = await server
    .http()
    .post('/api/upload')
    .set('Authorization', `Bearer ${token}`)
    .field('fileInfo', JSON.stringify({ name: file.name, ...fileInfo }))
    .attach('files', file.buffer, { filename: file.name, contentType: file.mime ?? 'image/jpeg' });
  return response as typeof response & { body: UploadedFile[] };
};

type Colour = { r: number; g: number; b: number };

/** The three bands of `makeBandsJpeg` in the media tests: a crop shows which it kept. */
export const RED: Colour = { r: 220, g: 20, b: 20 };
export const GREEN: Colour = { r: 20, g: 200, b: 20 };
export const BLUE: Colour = { r: 20, g: 20, b: 220 };

/** Two colours within `tolerance` on each channel (JPEG and resizing shift colours a little). */
export const closeTo = (actual: Colour, expected: Colour, tolerance = 40): boolean =>
  Math.abs(actual.r - expected.r) <= tolerance &&
  Math.abs(actual.g - expected.g) <= tolerance &&
  Math.abs(actual.b - expected.b) <= tolerance;

/** A JPEG made of equal vertical bands of colour, left to right: shows where a crop was taken. */
export const makeBandsJpeg = async (width: number, height: number, colours: Colour[]): Promise<Buffer> => {
  const bandWidth = Math.ceil(width / colours.length);
  const bands = await Promise.all(
    colours.map(async (background, index) => ({
      input: await sharp({ create: { width: Math.min(bandWidth, width - index * bandWidth), height, channels: 3, background } })
        .png()
        .toBuffer(),
      left: index * bandWidth,
      top: 0,
    }))
  );
  return sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 } } })
    .composite(bands)
    .jpeg({ quality: 90 })
    .toBuffer();
};

/** A PNG with a transparent half, as logos are. */
export const makeTransparentPng = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 4, background: { r: 20, g: 90, b: 200, alpha: 0.5 } } })
    .png()
    .toBuffer();

/** The colour of one pixel of an encoded image. */
export const pixelAt = async (image: Buffer, x: number, y: number): Promise<Colour> => {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return { r: data[offset], g: data[offset + 1], b: data[offset + 2] };
};

/** Reads a stored file back over HTTP, as a site would. */
export const download = async (server: TestServer, url: string): Promise<Buffer> => {
  const response = await server
    .http()
    .get(url)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  expect(response.status).toBe(200);
  return response.body as Buffer;
};

/** A JPEG of random pixels: it barely compresses, so its weight is predictable (about 1 byte a pixel). */
export const makeNoiseJpeg = (width: number, height: number): Promise<Buffer> =>
  sharp(crypto.randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();

/**
 * A real, tiny JPEG whose header claims `width`×`height` pixels: the shape of a decompression bomb,
 * which a decoder would try to allocate in full.
 */
export const makeBombJpeg = async (width: number, height: number): Promise<Buffer> => {
  const jpeg = Buffer.from(await makeJpeg(64, 64));
  for (let i = 0; i < jpeg.length - 8; i++) {
    // Start-of-frame marker (baseline or progressive): precision byte, then height and width.
    if (jpeg[i] === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2)) {
      jpeg.writeUInt16BE(height, i + 5);
      jpeg.writeUInt16BE(width, i + 7);
      return jpeg;
    }
  }
  throw new Error('No start-of-frame marker in the JPEG');
};
