import type { Violation } from '../../../../lib/validation/violation';

/** Strapi's four media kinds, as a field's `allowedTypes` names them; `files` is everything else. */
export type MediaKind = 'images' | 'videos' | 'audios' | 'files';

const KIND_LABELS: Record<MediaKind, string> = {
  images: 'une image / an image',
  videos: 'une vidéo / a video',
  audios: 'un fichier audio / an audio file',
  files: 'un document / a document',
};

export const mediaKindOf = (mime: string | null | undefined): MediaKind => {
  const type = (mime ?? '').split('/')[0].toLowerCase();
  if (type === 'image') return 'images';
  if (type === 'video') return 'videos';
  if (type === 'audio') return 'audios';
  return 'files';
};

type Attribute = { type: string; allowedTypes?: string[]; component?: string };
type Attributes = Record<string, Attribute>;
type StoredFile = { name?: string; mime?: string | null };
type Entry = Record<string, unknown>;

/** Looks up a component's attributes by uid (`media.credited-image`). */
export type ComponentAttributes = (uid: string) => Attributes | undefined;

const asList = <T>(value: T | T[] | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

/** The populate tree that loads every media field of a schema, inside components too (the model has no dynamic zones). */
export const mediaPopulate = (attributes: Attributes, componentAttributes: ComponentAttributes): Record<string, unknown> => {
  const tree: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (attribute.type === 'media') tree[name] = { fields: ['name', 'mime'] };
    if (attribute.type === 'component' && attribute.component) {
      const nested = mediaPopulate(componentAttributes(attribute.component) ?? {}, componentAttributes);
      if (Object.keys(nested).length > 0) tree[name] = { populate: nested };
    }
  }
  return tree;
};

/**
 * Files placed in a media field whose `allowedTypes` excludes their kind. Strapi's admin panel
 * filters its picker by `allowedTypes`, but the API stores whatever ids it is given; this is the
 * server-side half of that rule (an image in `attachments` would otherwise escape its credit).
 */
export const findDisallowedMedia = (
  attributes: Attributes,
  entry: Entry,
  componentAttributes: ComponentAttributes,
  path: string[] = []
): Violation[] =>
  Object.entries(attributes).flatMap(([name, attribute]) => {
    const value = entry[name];
    if (attribute.type === 'media' && attribute.allowedTypes?.length) {
      const allowed = attribute.allowedTypes;
      return asList(value as StoredFile | StoredFile[])
        .filter((file) => !allowed.includes(mediaKindOf(file.mime)))
        .map((file) => ({
          path: [...path, name],
          message:
            `${[...path, name].join('.')}: « ${file.name ?? 'fichier'} » est ${KIND_LABELS[mediaKindOf(file.mime)]} (${file.mime}), ` +
            `ce champ n’accepte que : ${allowed.join(', ')} / this field only accepts ${allowed.join(', ')}`,
        }));
    }
    if (attribute.type === 'component' && attribute.component) {
      const nested = componentAttributes(attribute.component) ?? {};
      const items = asList(value as Entry | Entry[]);
      return items.flatMap((item, index) =>
        findDisallowedMedia(nested, item, componentAttributes, Array.isArray(value) ? [...path, name, String(index)] : [...path, name])
      );
    }
    return [];
  });
