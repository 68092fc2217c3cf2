import sharp from 'sharp';
import { detectContent } from '../../../src/plugins/press-media/server/media/contentSignatures';
import { contentRefusal } from '../../../src/plugins/press-media/server/media/uploadRules';

const image = (format: 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'tiff') =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: 'teal' } })
    .toFormat(format)
    .toBuffer();

describe('detectContent', () => {
  it.each([
    ['jpeg', 'jpeg'],
    ['png', 'png'],
    ['gif', 'gif'],
    ['webp', 'webp'],
    ['avif', 'heif'],
    ['tiff', 'tiff'],
  ] as const)('recognises a %s made by sharp as %s', async (format, expected) => {
    expect(detectContent((await image(format)).subarray(0, 64))).toBe(expected);
  });

  it.each([
    ['a PDF', '%PDF-1.7\n', 'pdf'],
    ['HTML', '<!doctype html>', undefined],
    ['a PDF header after other bytes', ' %PDF-1.7', undefined],
    ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg"/>', undefined],
    ['an HEIC photo (ftyp heic)', '\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic', undefined],
    ['an empty file', '', undefined],
  ])('says %s is %s', (_label, head, expected) => {
    expect(detectContent(Buffer.from(head, 'latin1'))).toBe(expected);
  });
});

describe('contentRefusal', () => {
  it.each([
    ['doc.pdf', true, 'pdf', undefined],
    ['doc.pdf', true, undefined, 'unrecognised-content'],
    ['doc.pdf', true, 'png', 'wrong-type'],
    ['photo', false, 'png', undefined],
    ['page', false, undefined, 'unrecognised-content'],
  ] as const)('%s (claims PDF: %s, content %s) → %s', (name, claimsPdf, detected, kind) => {
    expect(contentRefusal(name, claimsPdf, detected)?.kind).toBe(kind);
  });
});
