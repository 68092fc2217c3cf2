import type { Violation } from '../../../../lib/validation/violation';

type Attributes = Record<string, { type: string; component?: unknown }>;
type CreditedImage = { alternativeText?: string | null; image?: { alternativeText?: string | null; name?: string } | null };

/** The attributes of a schema that hold the configured image component, which all need alternative text. */
export const creditedImageFields = (attributes: Attributes, component: string): string[] =>
  Object.entries(attributes)
    .filter(([, attribute]) => attribute.type === 'component' && attribute.component === component)
    .map(([name]) => name);

const hasText = (value: string | null | undefined): boolean => typeof value === 'string' && value.trim().length > 0;

/**
 * Every image that has no alternative text, neither on the credited-image component nor in the media
 * library. An empty slot (no image chosen) needs none.
 */
export const findImagesMissingAltText = (imageFields: string[], entry: Record<string, unknown>): Violation[] =>
  imageFields.flatMap((field) => {
    const value = entry[field] as CreditedImage | CreditedImage[] | null | undefined;
    const items = Array.isArray(value)
      ? value.map((item, index) => ({ item, path: [field, String(index)] }))
      : [{ item: value, path: [field] }];
    return items
      .filter(({ item }) => item?.image && !hasText(item.alternativeText) && !hasText(item.image.alternativeText))
      .map(({ item, path }) => ({
        path: [...path, 'alternativeText'],
        message:
          `${path.join('.')}: l’image « ${item?.image?.name ?? 'sans nom'} » n’a pas de texte alternatif, ` +
          'ajoutez-le avant de publier / this image needs alternative text before publishing',
      }));
  });
