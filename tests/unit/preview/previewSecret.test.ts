import { previewSecret } from '../../../src/plugins/staff-admin/server/preview/previewSecret';

const envOf = (values: Record<string, string>) => (name: string, fallback?: string) => values[name] ?? fallback;

describe('previewSecret', () => {
  it('is required in production, with a message naming it', () => {
    expect(() => previewSecret(envOf({ NODE_ENV: 'production', APP_KEYS: 'a,b' }))).toThrow(/PREVIEW_SECRET is not set/);
  });

  it('is the configured value wherever it is set', () => {
    expect(previewSecret(envOf({ NODE_ENV: 'production', PREVIEW_SECRET: 'shared' }))).toBe('shared');
    expect(previewSecret(envOf({ PREVIEW_SECRET: 'shared', APP_KEYS: 'a,b' }))).toBe('shared');
  });

  it('outside production, without it, is derived from APP_KEYS: stable, and not APP_KEYS itself', () => {
    const first = previewSecret(envOf({ APP_KEYS: 'a,b' }));
    expect(first).toBe(previewSecret(envOf({ APP_KEYS: 'a,b' })));
    expect(first).not.toBe(previewSecret(envOf({ APP_KEYS: 'c,d' })));
    expect(first).not.toContain('a,b');
  });
});
