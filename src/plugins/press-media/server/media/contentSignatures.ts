import path from 'node:path';

/**
 * The types Passerelle accepts, recognised by their first bytes. A short list checked by hand rather
 * than `file-type`: that library is ESM-only since v17 and our server build is CommonJS (Strapi loads
 * it with a dynamic import of its own, which our compiled code cannot share). A type added to
 * `upload.security.allowedTypes` needs its signature here, or its files are refused.
 */
export type AcceptedContent = 'jpeg' | 'png' | 'gif' | 'webp' | 'heif' | 'tiff' | 'pdf';

/** Enough bytes for every signature below (an AVIF's `ftyp` box lists its brands early). */
export const HEAD_BYTES = 64;

const startsWith = (head: Buffer, bytes: number[] | string, offset = 0): boolean => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= offset + expected.length && head.subarray(offset, offset + expected.length).equals(expected);
};

/** AVIF (and HEIF) files open with an ISO-BMFF `ftyp` box whose brands name the image format. */
const isAvif = (head: Buffer): boolean => {
  if (!startsWith(head, 'ftyp', 4)) return false;
  const boxSize = Math.min(head.readUInt32BE(0), head.length);
  const brands = [head.subarray(8, 12)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(head.subarray(offset, offset + 4));
  return brands.some((brand) => ['avif', 'avis'].includes(brand.toString('latin1')));
};

/** What the first bytes of a file say it is, among the accepted types; undefined for anything else. */
export const detectContent = (head: Buffer): AcceptedContent | undefined => {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a')) return 'gif';
  if (startsWith(head, 'RIFF') && startsWith(head, 'WEBP', 8)) return 'webp';
  if (isAvif(head)) return 'heif';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  // The PDF header must open the file: readers that tolerate leading bytes would also take an HTML page
  // with a PDF header buried in it.
  if (startsWith(head, '%PDF-')) return 'pdf';
  return undefined;
};

/** True when the name or the declared type claims a PDF document. */
export const claimsPdf = (fileName: string, declaredMime?: string | null): boolean =>
  path.extname(fileName).toLowerCase() === '.pdf' || (declaredMime ?? '').toLowerCase() === 'application/pdf';

export const isImageContent = (content: AcceptedContent | undefined): content is Exclude<AcceptedContent, 'pdf'> =>
  content !== undefined && content !== 'pdf';
