import { breakpointApplies, mainOutputFor, planFormats, workingSize } from '../../../src/plugins/press-media/server/media/formatPlan';
import { DEFAULT_BREAKPOINTS } from '../../../src/plugins/press-media/server/media/mediaSettings';

const options = {
  main: 'jpeg' as const,
  variants: ['webp' as const, 'avif' as const],
  breakpoints: DEFAULT_BREAKPOINTS,
  thumbnail: { width: 245, height: 156 },
  responsive: true,
};

describe('planFormats', () => {
  it('plans a cropped thumbnail and every smaller breakpoint, each in three encodings', () => {
    const plan = planFormats({ width: 3000, height: 2000 }, options);
    expect(plan.map((spec) => spec.key)).toEqual([
      'thumbnail',
      'thumbnail_webp',
      'thumbnail_avif',
      'small',
      'small_webp',
      'small_avif',
      'medium',
      'medium_webp',
      'medium_avif',
      'large',
      'large_webp',
      'large_avif',
      'xlarge',
      'xlarge_webp',
      'xlarge_avif',
    ]);
    expect(plan[0]).toEqual({ key: 'thumbnail', base: 'thumbnail', output: 'jpeg', box: { width: 245, height: 156 }, fit: 'crop' });
    expect(plan.find((spec) => spec.key === 'medium_avif')).toEqual({
      key: 'medium_avif',
      base: 'medium',
      output: 'avif',
      box: { width: 1024, height: 1024 },
      fit: 'inside',
    });
  });

  it.each([
    [{ width: 1200, height: 800 }, ['thumbnail', 'small', 'medium']],
    [{ width: 800, height: 1700 }, ['thumbnail', 'small', 'medium', 'large']],
    [{ width: 640, height: 640 }, ['thumbnail']],
    [{ width: 245, height: 156 }, []],
    [{ width: 200, height: 300 }, ['thumbnail']],
  ])('never enlarges: %j gets %j', (image, bases) => {
    const plan = planFormats(image, { ...options, variants: [] });
    expect(plan.map((spec) => spec.key)).toEqual(bases);
  });

  it('writes no variant twice when the original is already WebP', () => {
    const plan = planFormats({ width: 700, height: 500 }, { ...options, main: 'webp' });
    expect(plan.map((spec) => spec.key)).toEqual(['thumbnail', 'thumbnail_avif', 'small', 'small_avif']);
  });

  it('makes only the thumbnail when responsive formats are switched off in the media settings', () => {
    expect(planFormats({ width: 3000, height: 2000 }, { ...options, responsive: false }).map((s) => s.base)).toEqual([
      'thumbnail',
      'thumbnail',
      'thumbnail',
    ]);
  });
});

describe('workingSize', () => {
  it('decodes down to the largest format, or keeps the original size when no breakpoint applies', () => {
    const image = { width: 3000, height: 2000 };
    expect(workingSize(image, planFormats(image, options))).toBe(2400);
    expect(workingSize({ width: 1200, height: 800 }, planFormats({ width: 1200, height: 800 }, options))).toBe(1024);
    expect(workingSize({ width: 500, height: 300 }, planFormats({ width: 500, height: 300 }, options))).toBe(500);
  });
});

describe('mainOutputFor and breakpointApplies', () => {
  it.each([
    ['jpeg', false, 'jpeg'],
    ['png', true, 'png'],
    ['webp', true, 'webp'],
    ['heif', false, 'avif'],
    ['tiff', false, 'jpeg'],
    ['gif', true, 'png'],
  ])('%s (alpha %s) → %s', (format, alpha, expected) => {
    expect(mainOutputFor(format, alpha)).toBe(expected);
  });

  it('follows Strapi: a breakpoint applies when either side is larger', () => {
    expect(breakpointApplies(640, { width: 641, height: 10 })).toBe(true);
    expect(breakpointApplies(640, { width: 10, height: 641 })).toBe(true);
    expect(breakpointApplies(640, { width: 640, height: 640 })).toBe(false);
  });
});
