import type { Archiver, ArchiverOptions } from 'archiver';
import { PassThrough, type Readable } from 'node:stream';
import { CREDITS_ENTRY, RELEASE_ENTRY, type PressKit } from './pressKitContent';
import type { OpenOriginal } from '../media/openOriginal';

// archiver 7 is a factory function; the installed @types/archiver describes archiver 8's classes.
// Loaded with the first press kit, not at boot (issue 16: it cost about 0.4 s of every boot).
const createArchive = (format: 'zip', options?: ArchiverOptions) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('archiver') as (format: 'zip', options?: ArchiverOptions) => Archiver)(format, options);

/**
 * The press kit as a ZIP stream. Every original is opened before the first byte goes out, so a missing
 * file is an error response rather than a cut archive; then each is piped through, never held in memory.
 * Photos are stored as they are: they are already compressed.
 */
export const streamPressKit = async (kit: PressKit, open: OpenOriginal, onError: (error: Error) => void): Promise<Readable> => {
  const originals = await Promise.all(kit.images.map((image) => open(image.file)));
  const archive = createArchive('zip', { zlib: { level: 6 } });
  // archiver's streams come from the readable-stream package, which Koa does not recognise as a
  // stream; a Node PassThrough is one, and carries backpressure the same way.
  const output = new PassThrough();
  const fail = (error: Error) => {
    onError(error);
    output.destroy(error);
  };
  archive.on('warning', fail);
  archive.on('error', fail);
  archive.pipe(output);
  archive.append(kit.release, { name: RELEASE_ENTRY });
  archive.append(kit.credits, { name: CREDITS_ENTRY });
  // archiver's types name readable-stream's Readable; it takes any Node stream, as these are.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  kit.images.forEach((image, index) => archive.append(originals[index] as Readable, { name: image.entryName, store: true }));
  void archive.finalize();
  return output;
};
