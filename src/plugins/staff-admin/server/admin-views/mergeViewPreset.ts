import crypto from 'node:crypto';
import type { LayoutField, ViewPreset } from './viewPreset';

/** The content manager's stored configuration of one type, as its services read and write it. */
export type FieldMetadata = { edit: Record<string, unknown>; list: Record<string, unknown> };
export type ViewConfiguration = {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMetadata>;
  layouts: { list: string[]; edit: LayoutField[][] };
};

const MAX_ROW_SIZE = 12;

/** Appends fields to the last rows, starting a new row when one would overflow (as Strapi does). */
const appendToRows = (rows: LayoutField[][], fields: LayoutField[]): LayoutField[][] => {
  const result = rows.map((r) => [...r]);
  for (const field of fields) {
    const last = result[result.length - 1];
    const used = last ? last.reduce((sum, f) => sum + f.size, 0) : MAX_ROW_SIZE;
    if (!last || used + field.size > MAX_ROW_SIZE) result.push([field]);
    else last.push(field);
  }
  return result;
};

/**
 * Lays the preset over a stored configuration: our order, columns and texts win; anything the
 * preset does not mention (a field added later, staff's other settings) is kept, so a field is
 * never lost from the form.
 */
export const mergeViewPreset = (stored: ViewConfiguration, preset: ViewPreset): ViewConfiguration => {
  const known = (name: string) => name in stored.metadatas;
  const edit = preset.edit.map((r) => r.filter((f) => known(f.name))).filter((r) => r.length > 0);
  const placed = new Set(edit.flat().map((f) => f.name));
  const leftovers = stored.layouts.edit.flat().filter((f) => !placed.has(f.name));

  const metadatas = Object.fromEntries(
    Object.entries(stored.metadatas).map(([name, metadata]) => {
      const text = preset.fields[name];
      if (!text) return [name, metadata];
      return [
        name,
        {
          edit: {
            ...metadata.edit,
            label: text.label,
            description: text.description ?? '',
            ...(text.placeholder !== undefined ? { placeholder: text.placeholder } : {}),
          },
          list: { ...metadata.list, label: text.listLabel ?? text.label },
        },
      ];
    })
  );

  return {
    settings: {
      ...stored.settings,
      mainField: preset.mainField,
      ...(preset.defaultSortBy ? { defaultSortBy: preset.defaultSortBy } : {}),
      ...(preset.defaultSortOrder ? { defaultSortOrder: preset.defaultSortOrder } : {}),
    },
    metadatas,
    layouts: { list: preset.list.filter(known), edit: appendToRows(edit, leftovers) },
  };
};

/** Changes whenever the preset does; stored beside the configuration to know if it was applied. */
export const presetFingerprint = (preset: ViewPreset): string =>
  crypto.createHash('sha256').update(JSON.stringify(preset)).digest('hex').slice(0, 16);
