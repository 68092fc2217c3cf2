import { componentsFor, hexColour } from '../../../src/plugins/press-media/server/media/placeholder';

describe('placeholder helpers', () => {
  it.each([
    [{ r: 0, g: 0, b: 0 }, '#000000'],
    [{ r: 255, g: 255, b: 255 }, '#ffffff'],
    [{ r: 200, g: 60, b: 120 }, '#c83c78'],
    [{ r: 7.6, g: 15.2, b: 0.4 }, '#080f00'],
  ])('%j is %s', (colour, hex) => {
    expect(hexColour(colour)).toBe(hex);
  });

  it('gives more blurhash components along the longer side', () => {
    expect(componentsFor(32, 21)).toEqual({ x: 4, y: 3 });
    expect(componentsFor(21, 32)).toEqual({ x: 3, y: 4 });
    expect(componentsFor(32, 32)).toEqual({ x: 4, y: 3 });
  });
});
