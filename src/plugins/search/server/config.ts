/**
 * What the search plugin indexes, from `config/plugins.ts` (`search.config`). The plugin knows no
 * content type of its own: each entry names a type and which of its fields make the title, the slug,
 * the `kind` filter and the searchable text (strings, texts, rich-text blocks, components).
 */
export type SearchTypeConfig = {
  uid: string;
  /** The name in answers and in the `type` filter; also the key of the site's URL patterns. Default: the uid's type name. */
  type?: string;
  title: string;
  slug?: string;
  kind?: string;
  text: string[];
};

export type SearchConfig = {
  types: SearchTypeConfig[];
  /** Snowball algorithm per locale code, overriding the default chosen from the language (see analyser.ts). */
  analysers: Record<string, string>;
  maxQueryLength: number;
  maxTerms: number;
  snippetWords: number;
  /**
   * At most this many matching entries, the most recently indexed, are ranked and counted: beyond it
   * the work would grow with the site, and `totalIsExact` says the total is a lower bound.
   */
  rankWindow: number;
};

export const DEFAULT_CONFIG: SearchConfig = {
  types: [],
  analysers: {},
  maxQueryLength: 200,
  maxTerms: 12,
  snippetWords: 30,
  rankWindow: 1000,
};

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Fails the boot with a message naming the bad key. */
export const validateConfig = (config: Partial<SearchConfig>): void => {
  const problem = (key: string, message: string) => {
    throw new Error(`plugins.search.config.${key}: ${message}`);
  };
  if (!Array.isArray(config.types)) problem('types', 'must be a list of { uid, title, text }');
  (config.types ?? []).forEach((entry, index) => {
    const at = `types[${index}]`;
    if (typeof entry?.uid !== 'string' || !entry.uid.includes('::'))
      problem(`${at}.uid`, 'must be a content type uid such as api::article.article');
    if (typeof entry.title !== 'string') problem(`${at}.title`, 'must name the title field');
    if (!isStringList(entry.text)) problem(`${at}.text`, 'must list the searchable fields');
    for (const key of ['type', 'slug', 'kind'] as const) {
      if (entry[key] !== undefined && typeof entry[key] !== 'string') problem(`${at}.${key}`, 'must be a string');
    }
  });
  for (const key of ['maxQueryLength', 'maxTerms', 'snippetWords', 'rankWindow'] as const) {
    const value = config[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) problem(key, 'must be a positive integer');
  }
  if (
    config.analysers !== undefined &&
    (typeof config.analysers !== 'object' || !Object.values(config.analysers).every((v) => typeof v === 'string'))
  ) {
    problem('analysers', 'must map locale codes to Snowball algorithm names');
  }
};

export const typeNameOf = (entry: SearchTypeConfig): string => entry.type ?? entry.uid.replace(/^[a-z]+::/, '').split('.')[0];
