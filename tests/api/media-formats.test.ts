import sharp from 'sharp';
import { decode, isBlurhashValid } from 'blurhash';
import { useServerWithEditor } from '../helpers/api';
import {
  BLUE,
  closeTo,
  download,
  GREEN,
  makeBandsJpeg,
  makeJpeg,
  makeTransparentPng,
  pixelAt,
  realAndListed,
  RED,
  uploadImage,
  type StoredImage,
} from '../helpers/images';

const SIZES = ['thumbnail', 'small', 'medium', 'large', 'xlarge'];
describe('responsive formats, placeholder and focal point of uploaded images', () => {
  const app = useServerWithEditor();

  const upload = async (buffer: Buffer, name: string, fileInfo: Record<string, unknown> = {}, mime?: string): Promise<StoredImage> => {
    const response = await uploadImage(app.server, app.token, { buffer, name, mime }, fileInfo);
    expect(response.status).toBe(201);
    return response.body[0];
  };

  describe('a 3000×2000 photo', () => {
    let original: Buffer;
    let image: StoredImage;

    beforeAll(async () => {
      original = await makeJpeg(3000, 2000, { r: 200, g: 60, b: 120 });
      image = await upload(original, 'atelier.jpg');
    });

    it('lists every breakpoint and the cropped thumbnail, each in its type, WebP and AVIF', () => {
      const expected = SIZES.flatMap((size) => [size, `${size}_webp`, `${size}_avif`]).sort();
      expect(Object.keys(image.formats).sort()).toEqual(expected);
      const boxes: Record<string, [number, number]> = {
        thumbnail: [245, 156],
        small: [640, 427],
        medium: [1024, 683],
        large: [1600, 1067],
        xlarge: [2400, 1600],
      };
      for (const [size, [width, height]] of Object.entries(boxes)) {
        expect(image.formats[size]).toMatchObject({ width, height, mime: 'image/jpeg', ext: '.jpg' });
        expect(image.formats[`${size}_webp`]).toMatchObject({ width, height, mime: 'image/webp', ext: '.webp' });
        expect(image.formats[`${size}_avif`]).toMatchObject({ width, height, mime: 'image/avif', ext: '.avif' });
      }
    });

    it('stores files whose real type, dimensions and byte size are those listed', async () => {
      for (const [key, format] of Object.entries(image.formats)) {
        const { real, listed } = await realAndListed(key, format, await download(app.server, format.url));
        expect(real).toEqual(listed);
        expect(format.size).toBeCloseTo(format.sizeInBytes / 1000, 1);
      }
    });

    it('keeps the original byte for byte for download', async () => {
      expect(image).toMatchObject({ width: 3000, height: 2000, mime: 'image/jpeg' });
      expect((await download(app.server, image.url)).equals(original)).toBe(true);
    });

    it('comes with a blurhash and its dominant colour', () => {
      expect(image.placeholder).not.toBeNull();
      const { blurhash, dominantColor } = image.placeholder as { blurhash: string; dominantColor: string };
      expect(isBlurhashValid(blurhash)).toEqual({ result: true });
      const pixels = decode(blurhash, 4, 4);
      expect(closeTo({ r: pixels[0], g: pixels[1], b: pixels[2] }, { r: 200, g: 60, b: 120 })).toBe(true);
      expect(dominantColor).toMatch(/^#[0-9a-f]{6}$/);
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(dominantColor.slice(i, i + 2), 16));
      expect(closeTo({ r, g, b }, { r: 200, g: 60, b: 120 }, 24)).toBe(true);
    });
  });

  describe('cropping the thumbnail around the focal point', () => {
    let bands: Buffer;
    beforeAll(async () => {
      bands = await makeBandsJpeg(3000, 1000, [RED, GREEN, BLUE]);
    });

    const thumbnailCentre = async (image: StoredImage) => {
      const thumbnail = image.formats.thumbnail;
      expect(thumbnail).toMatchObject({ width: 245, height: 156 });
      return pixelAt(await download(app.server, thumbnail.url), 122, 78);
    };

    it('centres on the middle without a focal point', async () => {
      const image = await upload(bands, 'bandes-centre.jpg');
      expect(image.focalPoint).toBeNull();
      expect(closeTo(await thumbnailCentre(image), GREEN)).toBe(true);
    });

    it('keeps the right of the picture when the focal point is there, in every encoding', async () => {
      const image = await upload(bands, 'bandes-droite.jpg', { focalPoint: { x: 90, y: 50 } });
      expect(image.focalPoint).toEqual({ x: 90, y: 50 });
      expect(closeTo(await thumbnailCentre(image), BLUE)).toBe(true);
      for (const key of ['thumbnail_webp', 'thumbnail_avif']) {
        const bytes = await download(app.server, image.formats[key].url);
        expect(closeTo(await pixelAt(bytes, 122, 78), BLUE)).toBe(true);
        // The right edge of the picture is the right edge of the crop.
        expect(closeTo(await pixelAt(bytes, 244, 78), BLUE)).toBe(true);
      }
      // The breakpoints are never cropped: both ends of the picture are still there.
      const small = await download(app.server, image.formats.small.url);
      expect(closeTo(await pixelAt(small, 5, 100), RED)).toBe(true);
      expect(closeTo(await pixelAt(small, 634, 100), BLUE)).toBe(true);
    });

    it('re-crops the thumbnails, under new addresses, when the focal point moves after upload', async () => {
      const image = await upload(bands, 'bandes-deplacees.jpg');
      expect(closeTo(await thumbnailCentre(image), GREEN)).toBe(true);

      const response = await app.server
        .http()
        .post(`/api/upload?id=${image.id}`)
        .set('Authorization', `Bearer ${app.token}`)
        .send({ fileInfo: { focalPoint: { x: 95, y: 50 } } });
      expect(response.status).toBe(200);
      const moved = response.body as StoredImage;
      expect(moved.focalPoint).toEqual({ x: 95, y: 50 });
      for (const key of ['thumbnail', 'thumbnail_webp', 'thumbnail_avif']) {
        expect(moved.formats[key].url).not.toBe(image.formats[key].url);
        expect(moved.formats[key].url).toMatch(/_f95x50\.(jpg|webp|avif)$/);
        expect(closeTo(await pixelAt(await download(app.server, moved.formats[key].url), 122, 78), BLUE)).toBe(true);
        // The previous crop is deleted.
        expect((await app.server.http().get(image.formats[key].url)).status).toBe(404);
      }
      expect(moved.formats.thumbnail).toMatchObject({ width: 245, height: 156, mime: 'image/jpeg' });
      // Formats that are not cropped are left as they were.
      for (const key of ['small', 'medium_webp', 'large_avif']) expect(moved.formats[key]).toEqual(image.formats[key]);
      const reread = await app.server.http().get(`/api/upload/files/${image.id}`).set('Authorization', `Bearer ${app.token}`);
      expect(reread.body.formats.thumbnail.url).toBe(moved.formats.thumbnail.url);
    });

    it('keeps the left when the focal point is on the left', async () => {
      const image = await upload(bands, 'bandes-gauche.jpg', { focalPoint: { x: 5, y: 50 } });
      expect(closeTo(await thumbnailCentre(image), RED)).toBe(true);
      expect(closeTo(await pixelAt(await download(app.server, image.formats.thumbnail.url), 0, 78), RED)).toBe(true);
    });
  });

  it('keeps transparency: a PNG logo gets PNG formats beside WebP and AVIF', async () => {
    const image = await upload(await makeTransparentPng(1200, 800), 'logo.png', {}, 'image/png');
    expect(Object.keys(image.formats).sort()).toEqual(
      ['thumbnail', 'small', 'medium'].flatMap((size) => [size, `${size}_webp`, `${size}_avif`]).sort()
    );
    expect(image.formats.medium).toMatchObject({ mime: 'image/png', width: 1024, height: 683 });
    const metadata = await sharp(await download(app.server, image.formats.medium_webp.url)).metadata();
    expect(metadata).toMatchObject({ format: 'webp', hasAlpha: true });
  });

  it('never enlarges: a small image has no formats but still its placeholder', async () => {
    const image = await upload(await makeJpeg(200, 120), 'vignette.jpg');
    expect(image.formats ?? {}).toEqual({});
    expect(image.placeholder?.blurhash).toEqual(expect.any(String));
  });
});
