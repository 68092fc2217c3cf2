import { isBlurhashValid } from 'blurhash';
import { useServerWithEditor } from '../helpers/api';
import { BLUE, closeTo, GREEN, makeBandsJpeg, pixelAt, realAndListed, RED, uploadImage, type StoredImage } from '../helpers/images';
import { fetchBytes, S3_ENDPOINT, startPublicFront, testBucket } from '../helpers/objectStorage';
import { readZip } from '../helpers/zip';

/**
 * Media in an S3-compatible bucket (Strapi's aws-s3 provider): the pipeline reads the originals back
 * from the bucket. Runs when TEST_S3_ENDPOINT is set, which `.ci/run` does after starting s3rver.
 */
const describeWithBucket = S3_ENDPOINT ? describe : describe.skip;

describeWithBucket('media in object storage', () => {
  const bucket = testBucket();
  // The public base URL is a front of its own (as a CDN would be), so the test sees what is read through it.
  let front: Awaited<ReturnType<typeof startPublicFront>>;
  beforeAll(async () => {
    await bucket.create();
    front = await startPublicFront(bucket.name);
    bucket.env.S3_PUBLIC_URL = front.url;
  });
  const app = useServerWithEditor({ env: bucket.env });
  afterAll(async () => {
    await front?.close();
    await bucket.drop();
  });
  /** The key an object has in the bucket, from its public URL. */
  const keyOf = (url: string) => url.slice(front.url.length + 1);
  const originalKey = () => `/${keyOf(image.url)}`;

  let bands: Buffer;
  let image: StoredImage;

  beforeAll(async () => {
    // Red, green and blue thirds: a crop shows where it was taken.
    bands = await makeBandsJpeg(1500, 500, [RED, GREEN, BLUE]);
    const response = await uploadImage(app.server, app.token, { buffer: bands, name: 'bandes.jpg' });
    expect(response.status).toBe(201);
    image = response.body[0];
  });

  it('stores the original and every format in the bucket, addressed from the public base URL', async () => {
    expect(image.provider).toBe('aws-s3');
    const urls = [image.url, ...Object.values(image.formats).map((format) => format.url)];
    for (const url of urls) expect(url.startsWith(`${front.url}/`)).toBe(true);
    expect(Object.keys(image.formats).sort()).toEqual(
      ['thumbnail', 'small', 'medium'].flatMap((size) => [size, `${size}_webp`, `${size}_avif`]).sort()
    );
    expect(await bucket.keys()).toEqual(urls.map((url) => keyOf(url)).sort());
  });

  it('serves each format from the bucket with its real type, size and weight', async () => {
    for (const [key, format] of Object.entries(image.formats)) {
      const { status, bytes } = await fetchBytes(format.url);
      expect({ key, status }).toEqual({ key, status: 200 });
      const { real, listed } = await realAndListed(key, format, bytes);
      expect(real).toEqual(listed);
    }
  });

  it('keeps the original byte for byte and computes the placeholder', async () => {
    expect((await fetchBytes(image.url)).bytes.equals(bands)).toBe(true);
    expect(isBlurhashValid(image.placeholder?.blurhash ?? '')).toEqual({ result: true });
    expect(image.placeholder?.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('re-crops the thumbnails from the original in the bucket when the focal point moves, and deletes the old crops', async () => {
    expect(closeTo(await pixelAt((await fetchBytes(image.formats.thumbnail.url)).bytes, 122, 78), GREEN)).toBe(true);
    front.requested.length = 0;
    const response = await app.server
      .http()
      .post(`/api/upload?id=${image.id}`)
      .set('Authorization', `Bearer ${app.token}`)
      .send({ fileInfo: { focalPoint: { x: 95, y: 50 } } });
    expect(response.status).toBe(200);
    const moved = response.body as StoredImage;
    // The original came from the bucket with the provider's credentials, not through the public front.
    expect(front.requested).not.toContain(originalKey());

    const before = image.formats;
    for (const key of ['thumbnail', 'thumbnail_webp', 'thumbnail_avif']) {
      expect(moved.formats[key].url).toMatch(new RegExp(`^${front.url}/.*_f95x50\\.(jpg|webp|avif)$`));
      expect(closeTo(await pixelAt((await fetchBytes(moved.formats[key].url)).bytes, 122, 78), BLUE)).toBe(true);
      expect((await fetchBytes(before[key].url)).status).toBe(404);
    }
    const expected = [moved.url, ...Object.values(moved.formats).map((format) => format.url)].map((url) => keyOf(url));
    expect(await bucket.keys()).toEqual(expected.sort());
    image = moved;
  });

  it('builds the press kit from the originals in the bucket, byte for byte', async () => {
    const release = await app.editor.create(
      'articles',
      {
        title: 'Communiqué avec photo',
        slug: 'communique-photo-bucket',
        kind: 'press-release',
        standfirst: 'Une photo stockée dans le bucket.',
        cover: { image: image.id, alternativeText: 'Trois bandes', credit: 'Passerelle', licence: 'CC BY 4.0' },
      },
      { locale: 'fr', status: 'published' }
    );
    expect(release.status).toBe(201);
    front.requested.length = 0;
    const kit = await app.server
      .http()
      .get('/api/articles/slug/communique-photo-bucket/press-kit.zip')
      .query({ locale: 'fr' })
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(kit.status).toBe(200);
    const entries = await readZip(kit.body as Buffer);
    expect(entries.map((entry) => entry.name)).toEqual(['release.md', 'credits.txt', 'images/01-bandes.jpg']);
    expect(entries[2].bytes.equals(bands)).toBe(true);
    expect(front.requested).not.toContain(originalKey());
  });

  it('removes the original and every format from the bucket when the file is deleted', async () => {
    const other = (await uploadImage(app.server, app.token, { buffer: await makeBandsJpeg(600, 400, [RED, BLUE]), name: 'autre.jpg' }))
      .body[0] as unknown as StoredImage;
    const otherKeys = [other.url, ...Object.values(other.formats).map((format) => format.url)].map((url) => keyOf(url));
    expect(otherKeys.length).toBeGreaterThan(1);
    const before = await bucket.keys();
    for (const key of otherKeys) expect(before).toContain(key);

    const removed = await app.server.http().delete(`/api/upload/files/${other.id}`).set('Authorization', `Bearer ${app.token}`);
    expect(removed.status).toBe(200);
    const after = await bucket.keys();
    expect(after).toEqual(before.filter((key) => !otherKeys.includes(key)));
    expect((await fetchBytes(other.url)).status).toBe(404);
  });
});
