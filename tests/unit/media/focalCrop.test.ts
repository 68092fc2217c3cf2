import { CENTRE, focalCropRegion, focalPointOf } from '../../../src/plugins/press-media/server/media/focalCrop';

describe('focalCropRegion', () => {
  const box = { width: 245, height: 156 };

  it.each([
    ['centre of a wide image', { width: 3000, height: 1000 }, { x: 50, y: 50 }, { left: 715, top: 0, width: 1571, height: 1000 }],
    [
      'focal point on the right, stopped by the edge',
      { width: 3000, height: 1000 },
      { x: 90, y: 50 },
      { left: 1429, top: 0, width: 1571, height: 1000 },
    ],
    [
      'focal point on the left, stopped by the edge',
      { width: 3000, height: 1000 },
      { x: 5, y: 50 },
      { left: 0, top: 0, width: 1571, height: 1000 },
    ],
    [
      'focal point near the right, not at the edge',
      { width: 3000, height: 1000 },
      { x: 60, y: 50 },
      { left: 1015, top: 0, width: 1571, height: 1000 },
    ],
    ['tall image, focal point at the top', { width: 1000, height: 3000 }, { x: 50, y: 0 }, { left: 0, top: 0, width: 1000, height: 637 }],
    [
      'tall image, focal point at the bottom',
      { width: 1000, height: 3000 },
      { x: 50, y: 100 },
      { left: 0, top: 2363, width: 1000, height: 637 },
    ],
    ['same shape as the box', { width: 490, height: 312 }, { x: 90, y: 10 }, { left: 0, top: 0, width: 490, height: 312 }],
  ])('%s', (_label, image, focal, expected) => {
    expect(focalCropRegion(image, box, focal)).toEqual(expected);
  });

  it('does not crop what would have to be enlarged', () => {
    expect(focalCropRegion({ width: 1000, height: 100 }, box, CENTRE)).toBeUndefined();
    expect(focalCropRegion({ width: 200, height: 120 }, box, CENTRE)).toBeUndefined();
  });

  it('keeps every region inside the image', () => {
    for (const x of [0, 13, 50, 77, 100]) {
      for (const y of [0, 33, 100]) {
        const region = focalCropRegion({ width: 4000, height: 2250 }, box, { x, y }) as {
          left: number;
          top: number;
          width: number;
          height: number;
        };
        expect(region.left).toBeGreaterThanOrEqual(0);
        expect(region.top).toBeGreaterThanOrEqual(0);
        expect(region.left + region.width).toBeLessThanOrEqual(4000);
        expect(region.top + region.height).toBeLessThanOrEqual(2250);
      }
    }
  });
});

describe('focalPointOf', () => {
  it.each([
    [
      { x: 10, y: 90 },
      { x: 10, y: 90 },
    ],
    [
      { x: 0, y: 100 },
      { x: 0, y: 100 },
    ],
    [null, CENTRE],
    [undefined, CENTRE],
    [{ x: 120, y: 50 }, CENTRE],
    [{ x: '10', y: 50 }, CENTRE],
    [{ x: Number.NaN, y: 50 }, CENTRE],
  ])('%j → %j', (input, expected) => {
    expect(focalPointOf(input)).toEqual(expected);
  });
});
