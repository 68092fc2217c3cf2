import { errorPaths, publicGet, useServerWithEditor } from '../helpers/api';
import { makeJpeg, uploadImage } from '../helpers/images';

/** A small but real PDF: its magic bytes are what Strapi's type detection reads. */
const makePdf = (): Buffer =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'
  );

describe('media fields hold only the kinds of file they allow, whatever the API is sent', () => {
  const app = useServerWithEditor();
  let imageId: number;
  let pdfId: number;

  beforeAll(async () => {
    const image = await uploadImage(
      app.server,
      app.token,
      { buffer: await makeJpeg(320, 200), name: 'photo-sans-credit.jpg' },
      { alternativeText: 'Une photo' }
    );
    expect(image.status).toBe(201);
    imageId = image.body[0].id;
    const pdf = await uploadImage(app.server, app.token, { buffer: makePdf(), name: 'dossier-de-presse.pdf', mime: 'application/pdf' });
    expect(pdf.status).toBe(201);
    expect(pdf.body[0].mime).toBe('application/pdf');
    pdfId = pdf.body[0].id;
  });

  it('takes documents as article attachments and serves them', async () => {
    const created = await app.editor.create(
      'articles',
      { title: 'Avec dossier', kind: 'press-release', attachments: [pdfId] },
      { locale: 'fr', status: 'published' }
    );
    expect(created.status).toBe(201);
    const served = await publicGet(app.server, `articles/${created.body.data.documentId}`, { locale: 'fr' });
    expect(served.body.data.attachments.map((file: { name: string }) => file.name)).toEqual(['dossier-de-presse.pdf']);
  });

  it('refuses an image among attachments, where it would have no credit, and stores nothing', async () => {
    const response = await app.editor.create(
      'articles',
      { title: 'Image en pièce jointe', kind: 'news', attachments: [pdfId, { id: imageId }] },
      { locale: 'fr', status: 'draft' }
    );
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
    expect(errorPaths(response.body)).toEqual(['attachments']);
    expect(response.body.error.message).toMatch(/photo-sans-credit\.jpg/);
    expect(response.body.error.message).toMatch(/only accepts files/);
    const drafts = await app.editor.get('articles', { locale: 'fr', status: 'draft', filters: { title: 'Image en pièce jointe' } });
    expect(drafts.body.data).toEqual([]);
  });

  it('refuses the same image added by an update, keeping the stored attachments', async () => {
    const created = await app.editor.create(
      'articles',
      { title: 'Mise à jour refusée', kind: 'news', attachments: [pdfId] },
      { locale: 'fr', status: 'draft' }
    );
    const { documentId } = created.body.data;
    const updated = await app.editor.update('articles', documentId, { attachments: [pdfId, imageId] }, { locale: 'fr', status: 'draft' });
    expect(updated.status).toBe(400);
    expect(errorPaths(updated.body)).toEqual(['attachments']);
    const stored = await app.editor.get(`articles/${documentId}`, { locale: 'fr', status: 'draft', populate: 'attachments' });
    expect(stored.body.data.attachments.map((file: { id: number }) => file.id)).toEqual([pdfId]);
  });

  it('refuses a document where an image is expected, naming the field inside the component', async () => {
    const response = await app.editor.create(
      'articles',
      {
        title: 'PDF en couverture',
        kind: 'news',
        pressImages: [
          { image: imageId, credit: 'Passerelle' },
          { image: pdfId, credit: 'Passerelle' },
        ],
      },
      { locale: 'fr', status: 'draft' }
    );
    expect(response.status).toBe(400);
    expect(errorPaths(response.body)).toEqual(['pressImages.1.image']);
    expect(response.body.error.message).toMatch(/dossier-de-presse\.pdf/);
  });
});
