import { claimedImageFormat, refusalFor, type UploadFacts } from '../../../src/plugins/press-media/server/media/uploadRules';

const limits = { sizeLimit: 10 * 1024 * 1024, maxPixels: 100_000_000 };
const photo: UploadFacts = { fileName: 'photo.jpg', sizeInBytes: 2_000_000, claimed: 'jpeg', detected: 'jpeg', width: 4000, height: 3000 };

describe('claimedImageFormat', () => {
  it.each([
    ['photo.jpg', undefined, 'jpeg'],
    ['PHOTO.JPEG', undefined, 'jpeg'],
    ['logo.png', 'image/png', 'png'],
    ['image.avif', undefined, 'heif'],
    ['scan.tiff', undefined, 'tiff'],
    ['sans-extension', 'image/webp', 'webp'],
    ['dossier.pdf', 'application/pdf', undefined],
    ['notes.txt', 'text/plain', undefined],
  ])('%s (%s) claims %s', (name, mime, expected) => {
    expect(claimedImageFormat(name, mime)).toBe(expected);
  });
});

describe('refusalFor', () => {
  it.each<[string, Partial<UploadFacts>, string | undefined]>([
    ['a sound photo', {}, undefined],
    ['a document that claims no image type', { claimed: undefined, detected: undefined, width: undefined }, undefined],
    ['a file over the size limit', { sizeInBytes: 11 * 1024 * 1024 }, 'too-large'],
    ['a document over the size limit too', { claimed: undefined, sizeInBytes: 11 * 1024 * 1024 }, 'too-large'],
    ['text named .jpg', { detected: undefined, width: undefined, height: undefined }, 'not-an-image'],
    ['a PNG named .jpg', { detected: 'png' }, 'wrong-type'],
    ['60000×60000 pixels', { width: 60000, height: 60000 }, 'too-many-pixels'],
    ['exactly at the pixel limit', { width: 10000, height: 10000 }, undefined],
    [
      'an animation whose frames add up past the limit',
      { claimed: 'gif', detected: 'gif', width: 4000, height: 4000, pages: 10 },
      'too-many-pixels',
    ],
    ['a header without dimensions', { width: 0 }, 'unreadable'],
  ])('%s', (_label, change, kind) => {
    expect(refusalFor({ ...photo, ...change }, limits)?.kind).toBe(kind);
  });

  it('says what is wrong, with the numbers', () => {
    expect(refusalFor({ ...photo, width: 60000, height: 60000 }, limits)?.message).toBe(
      '« photo.jpg » declares 60000×60000 pixels (3600 MP), above the 100 MP limit'
    );
    expect(refusalFor({ ...photo, detected: 'png' }, limits)?.message).toBe('« photo.jpg » is named as jpeg but its content is png');
    expect(refusalFor({ ...photo, sizeInBytes: 12 * 1024 * 1024 }, limits)?.message).toBe(
      '« photo.jpg » weighs 12 MB, above the 10 MB limit'
    );
  });
});
