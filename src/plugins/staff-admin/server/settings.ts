import type { ViewPreset } from './admin-views/viewPreset';

/**
 * What the staff-admin plugin applies to, from its configuration (config/plugins.ts →
 * `staff-admin.config`): the content manager's views of the app's types and components. The plugin
 * names no type itself.
 */
export type StaffAdminSettings = {
  /** Applied at boot, once per version of each preset (staff's own adjustments survive restarts). */
  views: ViewPreset[];
};

export const DEFAULT_SETTINGS: StaffAdminSettings = { views: [] };

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Strapi calls this with the merged configuration (`config.validator`); an error stops the boot, naming the option. */
export const validateSettings = (config: unknown): void => {
  const { views } = (config ?? {}) as { views?: unknown };
  if (!Array.isArray(views)) throw new Error('staff-admin.views: a list of view presets');
  views.forEach((view: Partial<ViewPreset> | null, index) => {
    const key = `staff-admin.views.${index}`;
    if (typeof view?.uid !== 'string' || view.uid === '') throw new Error(`${key}.uid: a content type or component uid`);
    if (typeof view.mainField !== 'string') throw new Error(`${key}.mainField: the field naming a document (${view.uid})`);
    if (!isStringList(view.list)) throw new Error(`${key}.list: the list view's columns (${view.uid})`);
    if (!Array.isArray(view.edit)) throw new Error(`${key}.edit: the edit form's rows (${view.uid})`);
    if (typeof view.fields !== 'object') throw new Error(`${key}.fields: labels and help texts (${view.uid})`);
  });
};

type Attributes = Record<string, unknown>;

/**
 * Checks the presets against the types and components this app really has, at register: an unknown
 * uid or field stops the boot with its key rather than leaving a view silently unapplied.
 */
export const configuredViewProblems = (
  settings: StaffAdminSettings,
  attributesOf: (uid: string, isComponent: boolean) => Attributes | undefined
) =>
  settings.views.flatMap((view, index) => {
    const key = `staff-admin.views.${index}`;
    const attributes = attributesOf(view.uid, view.isComponent === true);
    if (!attributes) return [`${key}.uid: no ${view.isComponent ? 'component' : 'content type'} ${view.uid}`];
    // `fields` may carry texts shared by every type (a slug's help), applied where the field exists.
    const named = [view.mainField, ...view.list, ...view.edit.flat().map((field) => field.name)];
    // Strapi's own columns (id, dates, locale) are in every list, not in the schema's attributes.
    const known = (field: string) =>
      field in attributes || ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale'].includes(field);
    return [...new Set(named.filter((field) => !known(field)))].map((field) => `${key}: ${view.uid} has no field "${field}"`);
  });
