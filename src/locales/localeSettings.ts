/**
 * Which locales Passerelle serves. French is the default (the team writes in French first),
 * English always exists, and deployments may add more through PASSERELLE_EXTRA_LOCALES.
 */
export const DEFAULT_LOCALE = 'fr';
export const BUILT_IN_LOCALES = ['fr', 'en'] as const;
export const EXTRA_LOCALES_ENV = 'PASSERELLE_EXTRA_LOCALES';

/**
 * The locales this deployment serves and its default, from the extra codes as configured (not checked
 * here: the boot's `parseLocaleList` refuses unknown codes): what the OpenAPI document lists.
 */
export const servedLocales = (extraLocales: string): { codes: string[]; defaultLocale: string } => ({
  codes: [
    ...new Set([
      ...BUILT_IN_LOCALES,
      ...extraLocales
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
    ]),
  ],
  defaultLocale: DEFAULT_LOCALE,
});

export class LocaleConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocaleConfigurationError';
  }
}

/**
 * Parses the comma-separated list of extra locale codes and checks each against the codes that
 * Strapi's i18n knows, so a typo stops the boot with a message instead of a broken admin panel.
 */
export const parseLocaleList = (rawValue: string | undefined, knownCodes: readonly string[]): string[] => {
  const requested = (rawValue ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code.length > 0);

  const known = new Map(knownCodes.map((code) => [code.toLowerCase(), code]));
  const unknown = requested.filter((code) => !known.has(code.toLowerCase()));
  if (unknown.length > 0) {
    throw new LocaleConfigurationError(
      `${EXTRA_LOCALES_ENV} lists unknown locale code(s): ${unknown.map((c) => `"${c}"`).join(', ')}. ` +
        `Use ISO codes that Strapi knows, such as "de", "es", "ar" or "pt-BR", separated by commas.`
    );
  }

  const canonical = requested.map((code) => known.get(code.toLowerCase()) as string);
  return [...new Set([...BUILT_IN_LOCALES, ...canonical])];
};
