import { validatePressMediaConfig } from '../../../src/plugins/press-media/server/config';

const errorOf = (config: unknown) => {
  try {
    validatePressMediaConfig(config);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('press-media config validator', () => {
  it('accepts no press kit, or a type with its fields', () => {
    expect(errorOf({ pressKit: false })).toBeUndefined();
    expect(errorOf({ pressKit: { type: 'api::post.post', fields: { slug: 'slug', title: 'title', images: ['photo'] } } })).toBeUndefined();
  });

  it('names the bad key', () => {
    expect(errorOf({ pressKit: { type: 'post', fields: { slug: 'slug', title: 'title', images: [] } } })).toContain('pressKit.type');
    expect(errorOf({ pressKit: { type: 'api::post.post', fields: { slug: 'slug', title: 'title', images: 'cover' } } })).toContain(
      'pressKit.fields.images'
    );
    expect(errorOf({ pressKit: { type: 'api::post.post', fields: { slug: 'slug', title: 'title', images: [], cover: 'x' } } })).toContain(
      'pressKit.fields'
    );
  });
});
