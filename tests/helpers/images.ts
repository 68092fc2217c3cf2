import sharp from 'sharp';
import type { TestServer } from './strapi';

/** A real JPEG of the given size, drawn in the test (no fixture files, no third-party images). */
export const makeJpeg = (width: number, height: number, colour = { r: 200, g: 60, b: 120 }): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: colour } }).jpeg({ quality: 80 }).toBuffer();

type UploadedFile = { id: number; documentId: string; name: string; alternativeText: string | null; [key: string]: unknown };

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
