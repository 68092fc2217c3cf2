import { focalHash, focalPointMoved, isCroppedFormat } from '../../../src/plugins/press-media/server/media/recropThumbnails';

describe('re-cropping on a focal point change', () => {
  it.each([
    [null, { x: 90, y: 50 }, true],
    [{ x: 90, y: 50 }, { x: 90, y: 50 }, false],
    [null, null, false],
    // No focal point is the centre: setting the centre moves nothing.
    [null, { x: 50, y: 50 }, false],
    [{ x: 10, y: 20 }, { x: 10, y: 21 }, true],
  ])('%j → %j moved: %s', (before, after, expected) => {
    expect(focalPointMoved(before, after)).toBe(expected);
  });

  it('names each crop after its focal point', () => {
    expect(focalHash('atelier_3f2a', { x: 95, y: 50 })).toBe('atelier_3f2a_f95x50');
    expect(focalHash('atelier_3f2a', { x: 33.4, y: 66.6 })).toBe('atelier_3f2a_f33x67');
  });

  it.each([
    ['thumbnail', true],
    ['thumbnail_webp', true],
    ['thumbnail_avif', true],
    ['small', false],
    ['small_webp', false],
    ['xlarge_avif', false],
  ])('%s is cropped: %s', (key, expected) => {
    expect(isCroppedFormat(key)).toBe(expected);
  });
});
