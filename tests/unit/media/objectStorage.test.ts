import { mediaOrigin, objectKeyOf, uploadProviderConfig } from '../../../src/plugins/press-media/server/media/objectStorage';

type Values = Record<string, string>;
const envOf = (values: Values) => {
  const env = ((name: string, fallback?: string) => values[name] ?? fallback) as unknown as Parameters<typeof uploadProviderConfig>[0];
  Object.assign(env, { bool: (name: string, fallback?: boolean) => (name in values ? values[name] === 'true' : fallback) });
  return env;
};

describe('uploadProviderConfig', () => {
  it('keeps the local provider when nothing is set', () => {
    expect(uploadProviderConfig(envOf({}))).toEqual({});
    expect(uploadProviderConfig(envOf({ UPLOAD_PROVIDER: 'local', S3_BUCKET: 'ignored' }))).toEqual({});
  });

  it('builds the aws-s3 provider options from the environment', () => {
    const config = uploadProviderConfig(
      envOf({
        UPLOAD_PROVIDER: 'aws-s3',
        S3_BUCKET: 'media',
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_REGION: 'fr-par',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PUBLIC_URL: 'https://media.example.org',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ROOT_PATH: 'passerelle',
        S3_CHECKSUMS: 'WHEN_REQUIRED',
      })
    );
    expect(config).toEqual({
      provider: 'aws-s3',
      providerOptions: {
        baseUrl: 'https://media.example.org',
        rootPath: 'passerelle',
        s3Options: {
          region: 'fr-par',
          endpoint: 'http://127.0.0.1:9000',
          forcePathStyle: true,
          credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          params: { Bucket: 'media', ACL: 'public-read' },
        },
      },
    });
    expect(mediaOrigin(config.providerOptions)).toBe('https://media.example.org');
  });

  it('leaves keys to the AWS chain and sends no ACL when asked', () => {
    const { providerOptions } = uploadProviderConfig(envOf({ UPLOAD_PROVIDER: 'aws-s3', S3_BUCKET: 'media', S3_ACL: 'none' }));
    expect(providerOptions?.s3Options.credentials).toBeUndefined();
    expect(providerOptions?.s3Options.params).toEqual({ Bucket: 'media', ACL: undefined });
    expect(mediaOrigin(providerOptions)).toBe('https://media.s3.us-east-1.amazonaws.com');
  });

  it.each([
    [{ UPLOAD_PROVIDER: 'aws-s3' }, /S3_BUCKET is not set/],
    [{ UPLOAD_PROVIDER: 'ftp' }, /UPLOAD_PROVIDER must be local or aws-s3, not "ftp"/],
    [{ UPLOAD_PROVIDER: 'aws-s3', S3_BUCKET: 'media', S3_CHECKSUMS: 'never' }, /S3_CHECKSUMS must be/],
  ])('refuses to boot on %j, naming the variable', (values, message) => {
    expect(() => uploadProviderConfig(envOf(values as Values))).toThrow(message);
  });
});

describe('objectKeyOf (the provider’s key for a file)', () => {
  it.each([
    [{ hash: 'photo_abc', ext: '.jpg' }, undefined, 'photo_abc.jpg'],
    [{ hash: 'photo_abc', ext: '.jpg' }, 'passerelle/', 'passerelle/photo_abc.jpg'],
    [{ hash: 'photo_abc', ext: '.jpg', path: '/2026/' }, 'root', 'root/2026/photo_abc.jpg'],
    [{ hash: '../photo', ext: '.j?pg' }, undefined, 'photo.jpg'],
    [{ hash: 'doc', ext: null }, undefined, 'doc'],
  ])('%j under %s is %s', (file, rootPath, key) => {
    expect(objectKeyOf(file, rootPath)).toBe(key);
  });
});
