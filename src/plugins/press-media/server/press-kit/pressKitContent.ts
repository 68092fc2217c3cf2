import { siteTimezone } from '../../../../lib/clock/clock';
import { localTimeWithOffset } from '../../../../lib/clock/zonedTime';
import path from 'node:path';
import { blocksToMarkdown } from './blocksToMarkdown';

/** The media library file of an image, as the Document Service returns it. */
export type MediaFile = {
  id: number;
  name: string;
  hash?: string;
  ext?: string | null;
  url: string;
  mime?: string;
  width?: number | null;
  height?: number | null;
  provider?: string;
  alternativeText?: string | null;
  caption?: string | null;
};
export type CreditedImage = {
  image?: MediaFile | null;
  alternativeText?: string | null;
  caption?: string | null;
  credit?: string | null;
  licence?: string | null;
};
export type Release = {
  title: string;
  slug: string;
  locale: string;
  standfirst?: string | null;
  body?: unknown;
  byline?: string | null;
  embargoUntil?: string | null;
  publishedAt?: string | null;
  /** The credited images of the configured image fields, in order (the cover first, for Passerelle). */
  images: Array<CreditedImage | null | undefined>;
};

export type PressKitImage = { entryName: string; file: MediaFile; credited: CreditedImage };
export type PressKit = { fileName: string; release: string; credits: string; images: PressKitImage[] };

export const RELEASE_ENTRY = 'release.md';
export const CREDITS_ENTRY = 'credits.txt';

/** A file name safe in any archive tool: ASCII letters, digits, dots, dashes. */
export const safeFileName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .toLowerCase() || 'image';

const entryNameFor = (file: MediaFile, index: number): string => {
  const ext = file.ext ?? path.extname(file.url);
  const base = safeFileName(path.basename(file.name, path.extname(file.name)));
  return `images/${String(index + 1).padStart(2, '0')}-${base}${ext.toLowerCase()}`;
};

/** The images in field order; an image used twice is shipped once. */
export const pressKitImages = (release: Release): PressKitImage[] => {
  const seen = new Set<number>();
  return release.images
    .filter((credited): credited is CreditedImage & { image: MediaFile } => Boolean(credited?.image))
    .filter(({ image }) => !seen.has(image.id) && Boolean(seen.add(image.id)))
    .map((credited, index) => ({ entryName: entryNameFor(credited.image, index), file: credited.image, credited }));
};

const LABELS = {
  embargo: 'Embargo jusqu’au / Embargo until',
  byline: 'Auteur / By',
  published: 'Publié le / Published',
  caption: 'Légende / Caption',
  alt: 'Texte alternatif / Alternative text',
  credit: 'Crédit / Credit',
  licence: 'Licence / Licence',
  missing: 'non renseigné / not given',
  size: 'Dimensions',
};

/** Dates in the association's time zone with their offset (PASSERELLE_TIMEZONE), not raw UTC. */
export const releaseMarkdown = (release: Release, timeZone: string = siteTimezone()): string => {
  const local = (instant: string) => `${localTimeWithOffset(instant, timeZone)} (${timeZone})`;
  const meta = [
    release.embargoUntil ? `${LABELS.embargo}: ${local(release.embargoUntil)}` : undefined,
    release.publishedAt ? `${LABELS.published}: ${local(release.publishedAt)}` : undefined,
    release.byline ? `${LABELS.byline}: ${release.byline}` : undefined,
  ].filter(Boolean);
  return [`# ${release.title}`, meta.join('  \n'), release.standfirst ?? '', blocksToMarkdown(release.body)]
    .filter((part) => part.trim().length > 0)
    .join('\n\n')
    .concat('\n');
};

export const creditsText = (release: Release, images: PressKitImage[]): string => {
  const lines = [release.title, '='.repeat(Math.min(release.title.length, 72)), ''];
  for (const { entryName, file, credited } of images) {
    const value = (text: string | null | undefined) => (text && text.trim() ? text.trim() : LABELS.missing);
    lines.push(
      entryName,
      `  ${LABELS.credit}: ${value(credited.credit)}`,
      `  ${LABELS.licence}: ${value(credited.licence)}`,
      `  ${LABELS.caption}: ${value(credited.caption || file.caption)}`,
      `  ${LABELS.alt}: ${value(credited.alternativeText || file.alternativeText)}`,
      ...(file.width && file.height ? [`  ${LABELS.size}: ${file.width}×${file.height}`] : []),
      ''
    );
  }
  if (images.length === 0) lines.push('Aucune image / No images', '');
  return lines.join('\n');
};

/** Everything the archive holds, decided without touching files or the network. */
export const pressKitContent = (release: Release): PressKit => {
  const images = pressKitImages(release);
  return {
    fileName: `${safeFileName(release.slug)}-${release.locale}-press-kit.zip`,
    release: releaseMarkdown(release),
    credits: creditsText(release, images),
    images,
  };
};
