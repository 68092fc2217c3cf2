import crypto from 'node:crypto';
import sharp from 'sharp';
import { useServerWithEditor } from '../helpers/api';
import { download, uploadImage } from '../helpers/images';
import { creditsInTiff, hasGpsPosition, tiffStartOf } from '../../src/plugins/press-media/server/media/stripGps';

/** A photo as a phone or a camera writes it: creator, copyright and where it was taken. */
const geotaggedPhoto = (format: 'jpeg' | 'png' | 'webp' | 'avif') =>
  sharp(crypto.randomBytes(320 * 240 * 3), { raw: { width: 320, height: 240, channels: 3 } })
    .withExif({
      IFD0: { Artist: 'Camille Martin', Copyright: 'Diversidays 2026' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 36/1 2/1', GPSLongitudeRef: 'E', GPSLongitude: '3/1 52/1 37/1' },
    })
    .toFormat(format)
    .toBuffer();

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' } as const;
const EXTENSION = { jpeg: '.jpg', png: '.png', webp: '.webp', avif: '.avif' } as const;

describe('the GPS position of uploaded images', () => {
  const app = useServerWithEditor();

  it.each(['jpeg', 'png', 'webp', 'avif'] as const)(
    'is taken out of a %s original and its formats; creator, copyright (in both) and pixels are kept',
    async (format) => {
      const photo = await geotaggedPhoto(format);
      expect(await hasGpsPosition(photo)).toBe(true);

      const name = `atelier-${crypto.randomBytes(3).toString('hex')}${EXTENSION[format]}`;
      const response = await uploadImage(app.server, app.token, { buffer: photo, name, mime: MIME[format] });
      expect(response.status).toBe(201);
      const file = response.body[0] as unknown as { url: string; size: number; formats: Record<string, { url: string }> };

      const original = await download(app.server, file.url);
      expect(await hasGpsPosition(original)).toBe(false);
      // Edited in place: same length, same pixels.
      expect(original.length).toBe(photo.length);
      expect((await sharp(original).raw().toBuffer()).equals(await sharp(photo).raw().toBuffer())).toBe(true);
      const { exif } = await sharp(original).metadata();
      expect(creditsInTiff(exif as Buffer, tiffStartOf(exif as Buffer), (exif as Buffer).length)).toEqual({
        Artist: 'Camille Martin',
        Copyright: 'Diversidays 2026',
      });

      // Strapi makes no formats of an AVIF upload; the others get theirs.
      if (format !== 'avif') expect(Object.keys(file.formats).length).toBeGreaterThan(0);
      for (const { url } of Object.values(file.formats ?? {})) {
        const rendered = await download(app.server, url);
        expect(await hasGpsPosition(rendered)).toBe(false);
        const formatExif = (await sharp(rendered).metadata()).exif as Buffer;
        expect(creditsInTiff(formatExif, tiffStartOf(formatExif), formatExif.length)).toEqual({
          Artist: 'Camille Martin',
          Copyright: 'Diversidays 2026',
        });
      }
    }
  );
});
