/**
 * How one content type (or component) should look in the content manager: the list columns, the
 * order and width of the fields in the edit form, and French labels and help texts.
 */
export type FieldText = {
  label: string;
  /** Help text shown under the field. */
  description?: string;
  placeholder?: string;
  /** Column title in the list view, when it should differ from the form label. */
  listLabel?: string;
};

export type LayoutField = { name: string; size: number };

export type ViewPreset = {
  /** `api::article.article`, or a component uid such as `media.credited-image`. */
  uid: string;
  isComponent?: boolean;
  /** The field that names a document in lists and relation pickers. */
  mainField: string;
  defaultSortBy?: string;
  defaultSortOrder?: 'ASC' | 'DESC';
  /** List view columns, in order (the locale and publication status columns are added by Strapi). */
  list: string[];
  /** Edit form rows, in order; each row's sizes add up to at most 12. */
  edit: LayoutField[][];
  fields: Record<string, FieldText>;
};

/** Shorthand for an edit row: `row(['title', 8], ['kind', 4])`. */
export const row = (...fields: Array<[name: string, size: number]>): LayoutField[] => fields.map(([name, size]) => ({ name, size }));
