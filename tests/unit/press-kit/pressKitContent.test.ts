import { localTimeWithOffset } from '../../../src/lib/clock/zonedTime';
import {
  creditsText,
  pressKitContent,
  pressKitImages,
  releaseMarkdown,
  safeFileName,
  type Release,
} from '../../../src/plugins/press-media/server/press-kit/pressKitContent';

const file = (id: number, name: string, ext = '.jpg') => ({ id, name, ext, url: `/uploads/${id}${ext}`, width: 3000, height: 2000 });

const release: Release = {
  title: 'Lancement de DéClics Numériques',
  slug: 'lancement-declics',
  locale: 'fr',
  standfirst: 'Un programme pour 330 personnes.',
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Toulouse, le 2 mars.' }] }],
  embargoUntil: '2031-03-02T08:00:00.000Z',
  byline: 'Service presse',
  // The cover, then the press images, as Passerelle configures the image fields.
  images: [
    {
      image: file(1, 'Photo d’équipe.JPG'),
      alternativeText: 'L’équipe',
      caption: 'À Toulouse',
      credit: 'Jeanne Photo',
      licence: 'CC BY 4.0',
    },
    { image: file(2, 'logo.png', '.png'), credit: 'Diversidays', licence: 'Usage presse uniquement' },
    { image: file(1, 'Photo d’équipe.JPG') },
    { image: null, credit: 'vide' },
  ],
};

describe('press kit content', () => {
  it('ships the cover then the press images, each once, under safe numbered names', () => {
    expect(pressKitImages(release).map((image) => image.entryName)).toEqual(['images/01-photo-d-equipe.jpg', 'images/02-logo.png']);
  });

  it.each([
    ['Photo d’équipe', 'photo-d-equipe'],
    ['../../etc/passwd', 'etc-passwd'],
    ['Été 2030 — Montpellier!', 'ete-2030-montpellier'],
    ['...', 'image'],
  ])('safeFileName(%s) = %s', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('writes the release with its embargo (local time and offset), standfirst and body', () => {
    expect(releaseMarkdown(release, 'Europe/Paris')).toBe(
      '# Lancement de DéClics Numériques\n\n' +
        'Embargo jusqu’au / Embargo until: 2031-03-02T09:00:00+01:00 (Europe/Paris)  \nAuteur / By: Service presse\n\n' +
        'Un programme pour 330 personnes.\n\n' +
        'Toulouse, le 2 mars.\n'
    );
  });

  it.each([
    ['2020-09-28T07:00:00.000Z', 'Europe/Paris', '2020-09-28T09:00:00+02:00'],
    ['2031-03-02T08:00:00.000Z', 'Europe/Paris', '2031-03-02T09:00:00+01:00'],
    ['2031-03-02T08:00:00.000Z', 'America/Cayenne', '2031-03-02T05:00:00-03:00'],
    ['2031-03-30T00:30:00.000Z', 'Europe/Paris', '2031-03-30T01:30:00+01:00'],
    ['2031-03-30T01:30:00.000Z', 'Europe/Paris', '2031-03-30T03:30:00+02:00'],
  ])('gives %s in %s as %s', (instant, timeZone, expected) => {
    expect(localTimeWithOffset(instant, timeZone)).toBe(expected);
  });

  it('lists each image with its credit, licence, caption and alternative text, and says when one is missing', () => {
    const credits = creditsText(release, pressKitImages(release));
    expect(credits).toContain(
      'images/01-photo-d-equipe.jpg\n  Crédit / Credit: Jeanne Photo\n  Licence / Licence: CC BY 4.0\n  Légende / Caption: À Toulouse\n' +
        '  Texte alternatif / Alternative text: L’équipe\n  Dimensions: 3000×2000\n'
    );
    expect(credits).toContain(
      'images/02-logo.png\n  Crédit / Credit: Diversidays\n  Licence / Licence: Usage presse uniquement\n  Légende / Caption: non renseigné / not given'
    );
  });

  it('names the archive after the slug and locale', () => {
    expect(pressKitContent(release).fileName).toBe('lancement-declics-fr-press-kit.zip');
  });
});
