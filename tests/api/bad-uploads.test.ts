import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import sharp from 'sharp';
import { APP_DIR } from '../helpers/strapi';
import { useServerWithEditor } from '../helpers/api';
import { download, makeBombJpeg, makeJpeg, makeNoiseJpeg, uploadImage } from '../helpers/images';

const SIZE_LIMIT_MB = 1;
const UPLOADS = path.join(APP_DIR, 'public', 'uploads');

describe('bad uploads are refused with a clear 4xx and nothing stored', () => {
  const app = useServerWithEditor({ env: { UPLOAD_SIZE_LIMIT_MB: String(SIZE_LIMIT_MB), MEDIA_MAX_MEGAPIXELS: '50' } });

  /** A name no other test file uses, so the uploads folder can be searched for it. */
  const uniqueName = (label: string, ext: string) => `${label}-${crypto.randomBytes(4).toString('hex')}${ext}`;
  const storedFilesNamed = (name: string) => {
    const stem = path.basename(name, path.extname(name)).replace(/-/g, '_');
    return fs.readdirSync(UPLOADS).filter((file) => file.includes(stem));
  };
  const fileCount = () => app.server.strapi.db.query('plugin::upload.file').count();

  const expectRefused = async (
    file: { buffer: Buffer; name: string; mime?: string },
    expected: { status: number; name: string; message: RegExp; reason?: string }
  ) => {
    const before = await fileCount();
    const response = await uploadImage(app.server, app.token, file);
    expect(response.status).toBe(expected.status);
    expect(response.body).toMatchObject({ data: null, error: { status: expected.status, name: expected.name } });
    const error = (response.body as unknown as { error: { message: string; details: { reason?: string } } }).error;
    expect(error.message).toMatch(expected.message);
    if (expected.reason) expect(error.details.reason).toBe(expected.reason);
    expect(await fileCount()).toBe(before);
    expect(storedFilesNamed(file.name)).toEqual([]);
  };

  it('accepts a sound photo, to show the checks let real images through', async () => {
    const name = uniqueName('sound', '.jpg');
    const response = await uploadImage(app.server, app.token, { buffer: await makeJpeg(800, 600), name });
    expect(response.status).toBe(201);
    expect(storedFilesNamed(name).length).toBeGreaterThan(1);
  });

  it('refuses text named as a JPEG', async () => {
    const name = uniqueName('not-a-photo', '.jpg');
    await expectRefused(
      { buffer: Buffer.from('<p>Bonjour</p> this is not an image at all\n'.repeat(20)), name, mime: 'image/jpeg' },
      {
        status: 400,
        name: 'ValidationError',
        message: /named as an image \(jpeg\) but its content is not an image/,
        reason: 'not-an-image',
      }
    );
  });

  it('refuses a PNG named as a JPEG', async () => {
    const name = uniqueName('png-in-disguise', '.jpg');
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: 'teal' } })
      .png()
      .toBuffer();
    await expectRefused(
      { buffer: png, name, mime: 'image/jpeg' },
      { status: 400, name: 'ValidationError', message: /named as jpeg but its content is png/, reason: 'wrong-type' }
    );
  });

  it('refuses a truncated JPEG', async () => {
    const name = uniqueName('truncated', '.jpg');
    const whole = await makeNoiseJpeg(400, 300);
    await expectRefused(
      { buffer: whole.subarray(0, Math.floor(whole.length / 2)), name },
      { status: 400, name: 'ValidationError', message: /truncated or corrupt/, reason: 'unreadable' }
    );
  });

  it('refuses a decompression bomb from its header, without decoding it', async () => {
    const name = uniqueName('bomb', '.jpg');
    const bomb = await makeBombJpeg(60000, 60000);
    expect(bomb.length).toBeLessThan(5000);
    const started = Date.now();
    await expectRefused(
      { buffer: bomb, name },
      { status: 400, name: 'ValidationError', message: /60000×60000 pixels \(3600 MP\), above the 50 MP limit/, reason: 'too-many-pixels' }
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a file over the configured size limit', async () => {
    const name = uniqueName('heavy', '.jpg');
    const heavy = await makeNoiseJpeg(1600, 1200);
    expect(heavy.length).toBeGreaterThan(SIZE_LIMIT_MB * 1024 * 1024);
    await expectRefused(
      { buffer: heavy, name },
      { status: 413, name: 'PayloadTooLargeError', message: /above the 1 MB limit/, reason: 'too-large' }
    );
  });

  it.each([
    ['an HTML page', '.html', 'text/html', Buffer.from('<!doctype html><script>alert(1)</script>')],
    [
      'an SVG, which can carry scripts',
      '.svg',
      'image/svg+xml',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ['a program', '.exe', 'application/octet-stream', Buffer.concat([Buffer.from('MZ'), crypto.randomBytes(512)])],
  ])('refuses a type that is not allowed: %s', async (_label, ext, mime, buffer) => {
    const name = uniqueName('forbidden', ext);
    await expectRefused({ buffer, name, mime }, { status: 400, name: 'ValidationError', message: /not allowed/ });
  });

  it('accepts a real PDF, named and declared as one', async () => {
    const name = uniqueName('programme', '.pdf');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const response = await uploadImage(app.server, app.token, { buffer: pdf, name, mime: 'application/pdf' });
    expect(response.status).toBe(201);
    expect(response.body[0]).toMatchObject({ mime: 'application/pdf', ext: '.pdf' });

    // Served as a download, never as a page of this origin.
    const served = await app.server.http().get(response.body[0].url as string);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+\.pdf"$/);
    expect(served.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves images inline, for pages to show', async () => {
    const response = await uploadImage(app.server, app.token, { buffer: await makeJpeg(320, 200), name: uniqueName('inline', '.jpg') });
    const served = await app.server.http().get(response.body[0].url as string);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['content-disposition']).toBeUndefined();
  });

  it.each([
    [
      'HTML named as a PDF',
      '.pdf',
      'application/pdf',
      Buffer.from('<!doctype html><script>alert(document.cookie)</script>'),
      /named as a PDF but its content is not a PDF/,
      'unrecognised-content',
    ],
    [
      'HTML named as a PDF, declared generic',
      '.pdf',
      'application/octet-stream',
      Buffer.from('<html><body onload="alert(1)"></body></html>'),
      /named as a PDF but its content is not a PDF/,
      'unrecognised-content',
    ],
    [
      'a PDF header buried after HTML',
      '.pdf',
      'application/pdf',
      Buffer.from('<script>alert(1)</script>\n%PDF-1.4\n'),
      /named as a PDF but its content is not a PDF/,
      'unrecognised-content',
    ],
    [
      'a GIF named as a PDF',
      '.pdf',
      'application/pdf',
      Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
      /named as pdf but its content is gif/,
      'wrong-type',
    ],
    [
      'text with no name to go by',
      '',
      'application/pdf',
      Buffer.from('just some text, not a document'),
      /named as a PDF but its content is not a PDF/,
      'unrecognised-content',
    ],
  ])('refuses %s, naming the file', async (_label, ext, mime, buffer, message, reason) => {
    const name = uniqueName('document', ext);
    await expectRefused({ buffer, name, mime }, { status: 400, name: 'ValidationError', message, reason });
    const response = await uploadImage(app.server, app.token, { buffer, name, mime });
    expect(response.body.error.message).toContain(name);
  });

  it('stores nothing of a request whose second file is bad', async () => {
    const good = uniqueName('first-good', '.jpg');
    const bad = uniqueName('second-bad', '.jpg');
    const before = await fileCount();
    const response = await app.server
      .http()
      .post('/api/upload')
      .set('Authorization', `Bearer ${app.token}`)
      .attach('files', await makeJpeg(500, 400), { filename: good, contentType: 'image/jpeg' })
      .attach('files', Buffer.from('definitely not a jpeg'), { filename: bad, contentType: 'image/jpeg' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(bad);
    expect(await fileCount()).toBe(before);
    expect([...storedFilesNamed(good), ...storedFilesNamed(bad)]).toEqual([]);
  });

  it('refuses a bad replacement and leaves the stored file as it was', async () => {
    const original = await makeJpeg(800, 600);
    const stored = (await uploadImage(app.server, app.token, { buffer: original, name: uniqueName('to-replace', '.jpg') })).body[0];
    const response = await app.server
      .http()
      .post(`/api/upload?id=${stored.id}`)
      .set('Authorization', `Bearer ${app.token}`)
      .attach('files', await makeBombJpeg(60000, 60000), { filename: uniqueName('replacement', '.jpg'), contentType: 'image/jpeg' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError', details: { reason: 'too-many-pixels' } });

    const after = await app.server.http().get(`/api/upload/files/${stored.id}`).set('Authorization', `Bearer ${app.token}`);
    expect(after.body).toMatchObject({ url: stored.url, width: 800, height: 600, formats: stored.formats });
    expect((await download(app.server, stored.url as string)).equals(original)).toBe(true);
  });
});
