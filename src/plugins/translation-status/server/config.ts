export type TranslationStatusConfig = {
  /** The content types followed: `'localized'` for every `api::` type localized in its schema, or a list of uids. */
  contentTypes: 'localized' | string[];
  /** Per content type, localized fields whose change never makes a translation behind. */
  ignoredFields: Record<string, string[]>;
  /** The locale translations are made from; empty for i18n's default locale. */
  sourceLocale: string;
  /** `meta.translation` on every detail and slug answer, not only on `?translation=true`. */
  metaByDefault: boolean;
};

export const defaultConfig: TranslationStatusConfig = {
  contentTypes: 'localized',
  ignoredFields: {},
  sourceLocale: '',
  metaByDefault: false,
};

const fail = (key: string, expected: string): never => {
  throw new Error(`plugin translation-status: config.${key} must be ${expected}`);
};

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Fails the boot with the name of the bad key. */
export const validateConfig = (config: unknown): void => {
  const value = (config ?? {}) as Record<string, unknown>;
  if (value.contentTypes !== 'localized' && !isStringList(value.contentTypes))
    fail('contentTypes', "'localized' or a list of content type uids");
  if (typeof value.ignoredFields !== 'object' || value.ignoredFields === null || !Object.values(value.ignoredFields).every(isStringList)) {
    fail('ignoredFields', 'an object of field name lists');
  }
  if (typeof value.sourceLocale !== 'string') fail('sourceLocale', 'a locale code, or empty for the default locale');
  if (typeof value.metaByDefault !== 'boolean') fail('metaByDefault', 'a boolean');
};

export default { default: defaultConfig, validator: validateConfig };
