import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { sharp } from './loadSharp';

/**
 * The GPS position is taken out of an uploaded image's metadata before it is stored: people and
 * places photographed at workshops should not be findable from the file. Everything else stays,
 * creator (Artist) and copyright included, and the pixels are not touched: the EXIF structure is
 * edited in place, at the same length, so no offset in the file moves.
 */

const GPS_POINTER_TAG = 0x8825;
const ARTIST_TAG = 0x013b;
const COPYRIGHT_TAG = 0x8298;
/** Bytes per value of each TIFF field type (1 BYTE … 12 DOUBLE, 13 IFD). */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];

type Reader = { u16: (offset: number) => number; u32: (offset: number) => number; w16: (offset: number, value: number) => void };

const readerFor = (data: Buffer, tiff: number): Reader | undefined => {
  const order = data.toString('latin1', tiff, tiff + 2);
  if (order === 'II') {
    return { u16: (o) => data.readUInt16LE(o), u32: (o) => data.readUInt32LE(o), w16: (o, v) => data.writeUInt16LE(v, o) };
  }
  if (order === 'MM') {
    return { u16: (o) => data.readUInt16BE(o), u32: (o) => data.readUInt32BE(o), w16: (o, v) => data.writeUInt16BE(v, o) };
  }
  return undefined;
};

type Ifd0 = { reader: Reader; ifd: number; count: number };

const firstIfd = (data: Buffer, tiff: number, end: number): Ifd0 | undefined => {
  if (tiff + 8 > end) return undefined;
  const reader = readerFor(data, tiff);
  if (!reader || reader.u16(tiff + 2) !== 42) return undefined;
  const ifd = tiff + reader.u32(tiff + 4);
  if (ifd + 2 > end) return undefined;
  const count = reader.u16(ifd);
  if (ifd + 2 + count * 12 + 4 > end) return undefined;
  return { reader, ifd, count };
};

const entryAt = (ifd: number, index: number) => ifd + 2 + index * 12;

/**
 * Removes the GPS pointer from IFD0 of the TIFF structure at `tiff` (EXIF is one) and zeroes the GPS
 * directory and its values. Same length: the following entries move up by one, and the freed 12
 * bytes at the end of the directory are zeroed. True when there was a position to remove.
 */
export const removeGpsFromTiff = (data: Buffer, tiff: number, end: number): boolean => {
  const first = firstIfd(data, tiff, end);
  if (!first) return false;
  const { reader, ifd, count } = first;
  let index = -1;
  for (let i = 0; i < count; i += 1) if (reader.u16(entryAt(ifd, i)) === GPS_POINTER_TAG) index = i;
  if (index < 0) return false;

  const gps = tiff + reader.u32(entryAt(ifd, index) + 8);
  if (gps + 2 <= end) {
    const gpsCount = reader.u16(gps);
    const gpsEnd = Math.min(gps + 2 + gpsCount * 12 + 4, end);
    for (let i = 0; i < gpsCount && entryAt(gps, i) + 12 <= end; i += 1) {
      const entry = entryAt(gps, i);
      const size = (TYPE_SIZES[reader.u16(entry + 2)] ?? 0) * reader.u32(entry + 4);
      if (size > 4) {
        const value = tiff + reader.u32(entry + 8);
        if (value >= tiff && value + size <= end) data.fill(0, value, value + size);
      }
    }
    data.fill(0, gps, gpsEnd);
  }

  // Entries after the pointer, then the next-directory offset, move up by 12 bytes.
  data.copy(data, entryAt(ifd, index), entryAt(ifd, index + 1), entryAt(ifd, count) + 4);
  data.fill(0, entryAt(ifd, count) - 8, entryAt(ifd, count) + 4);
  reader.w16(ifd, count - 1);
  return true;
};

/** True when the TIFF structure at `tiff` points to a GPS directory. */
export const hasGpsInTiff = (data: Buffer, tiff: number, end: number): boolean => {
  const first = firstIfd(data, tiff, end);
  if (!first) return false;
  for (let i = 0; i < first.count; i += 1) if (first.reader.u16(entryAt(first.ifd, i)) === GPS_POINTER_TAG) return true;
  return false;
};

/** Artist and Copyright of IFD0, for the formats made from the image. */
export const creditsInTiff = (data: Buffer, tiff: number, end: number): { Artist?: string; Copyright?: string } => {
  const first = firstIfd(data, tiff, end);
  const credits: { Artist?: string; Copyright?: string } = {};
  if (!first) return credits;
  for (let i = 0; i < first.count; i += 1) {
    const entry = entryAt(first.ifd, i);
    const tag = first.reader.u16(entry);
    if ((tag !== ARTIST_TAG && tag !== COPYRIGHT_TAG) || first.reader.u16(entry + 2) !== 2) continue;
    const size = first.reader.u32(entry + 4);
    const start = size > 4 ? tiff + first.reader.u32(entry + 8) : entry + 8;
    if (start + size > end) continue;
    const text = data
      .toString('utf8', start, start + size)
      .replace(/\0+$/, '')
      .trim();
    if (text) credits[tag === ARTIST_TAG ? 'Artist' : 'Copyright'] = text;
  }
  return credits;
};

/** EXIF as sharp gives it starts with `Exif\0\0` (JPEG, WebP, AVIF) before its TIFF structure. */
export const tiffStartOf = (exif: Buffer): number => (exif.toString('latin1', 0, 6) === 'Exif\0\0' ? 6 : 0);

const XMP_GPS_ATTRIBUTE = /\s(?:exif|exifEX):GPS\w+="[^"]*"/g;
const XMP_GPS_ELEMENT = /<((?:exif|exifEX):GPS\w+)\b[^>]*>[\s\S]*?<\/\1>/g;

/** The GPS properties of an XMP packet replaced by spaces: still well-formed, same length. */
export const blankXmpGps = (xmp: string): string =>
  xmp.replace(XMP_GPS_ELEMENT, (match) => ' '.repeat(match.length)).replace(XMP_GPS_ATTRIBUTE, (match) => ' '.repeat(match.length));

const blankXmpGpsIn = (data: Buffer, start: number, end: number): boolean => {
  const packet = data.toString('latin1', start, end);
  const blanked = blankXmpGps(packet);
  if (blanked === packet) return false;
  data.write(blanked, start, 'latin1');
  return true;
};

/** PNG chunks carry a CRC: after an edit, the edited chunks get theirs again. */
const refreshPngChecksums = (data: Buffer): void => {
  for (let offset = 8; offset + 12 <= data.length;) {
    const length = data.readUInt32BE(offset);
    const end = offset + 8 + length;
    if (end + 4 > data.length) return;
    data.writeUInt32BE(zlib.crc32(data.subarray(offset + 4, end)) >>> 0, end);
    offset = end + 4;
  }
};

/** True when sharp still reads a GPS position in the file's EXIF or XMP. */
export const hasGpsPosition = async (filepath: string | Buffer): Promise<boolean> => {
  const { exif, xmp } = await sharp(filepath, { limitInputPixels: false }).metadata();
  if (exif && hasGpsInTiff(exif, tiffStartOf(exif), exif.length)) return true;
  return Boolean(xmp && blankXmpGps(xmp.toString('latin1')) !== xmp.toString('latin1'));
};

/**
 * Takes the GPS position out of the image file at `filepath`, in place and at the same length.
 * Where the metadata cannot be edited in place (sharp found it but it is not stored as is in the
 * file), the image is re-encoded without GPS, keeping the creator and the copyright: the only case
 * where the stored original is not byte for byte the upload but for its metadata.
 */
export const stripGpsPosition = async (filepath: string): Promise<'none' | 'edited' | 'reencoded'> => {
  const metadata = await sharp(filepath, { limitInputPixels: false }).metadata();
  const { exif, xmp, format } = metadata;
  const exifHasGps = Boolean(exif && hasGpsInTiff(exif, tiffStartOf(exif), exif.length));
  const xmpHasGps = Boolean(xmp && blankXmpGps(xmp.toString('latin1')) !== xmp.toString('latin1'));
  if (!exifHasGps && !xmpHasGps) return 'none';

  const data = await fs.readFile(filepath);
  if (format === 'tiff') {
    removeGpsFromTiff(data, 0, data.length);
  } else if (exif && exifHasGps) {
    const at = data.indexOf(exif);
    if (at >= 0) removeGpsFromTiff(data, at + tiffStartOf(exif), at + exif.length);
  }
  if (xmp && xmpHasGps) {
    for (let at = data.indexOf(xmp); at >= 0; at = data.indexOf(xmp, at + 1)) blankXmpGpsIn(data, at, at + xmp.length);
    // TIFF keeps XMP in a tag, which sharp hands over as is; search the whole file if it was not found.
    if (format === 'tiff') blankXmpGpsIn(data, 0, data.length);
  }
  if (format === 'png') refreshPngChecksums(data);

  if (!(await hasGpsPosition(data))) {
    await fs.writeFile(filepath, data);
    return 'edited';
  }
  const credits = exif ? creditsInTiff(exif, tiffStartOf(exif), exif.length) : {};
  const reencoded = await sharp(filepath, { limitInputPixels: false, animated: true })
    .keepIccProfile()
    .withExif({ IFD0: credits })
    .toFormat(format === 'heif' ? 'avif' : format, format === 'heif' ? { quality: 90 } : {})
    .toBuffer();
  await fs.writeFile(filepath, reencoded);
  return 'reencoded';
};
