import { parseQuery, type ParsedQuery } from './analysis/parseQuery';
import { validationError } from './passerelle';

/** What the route accepts, checked before any query runs; each refusal is a 400 naming the parameter. */
export type SearchParams = {
  text: string;
  query: ParsedQuery;
  locale: string;
  types?: string[];
  kinds?: string[];
  page: number;
  pageSize: number;
};

export type ParamRules = {
  locales: string[];
  defaultLocale: string;
  types: string[];
  kinds: string[];
  maxQueryLength: number;
  maxTerms: number;
  defaultPageSize: number;
  maxPageSize: number;
  analyserOf: (locale: string) => string;
};

export const SEARCH_QUERY_PARAMS = ['q', 'locale', 'type', 'kind', 'pagination'] as const;

const refuse = (path: string[], message: string) => validationError([{ path, message: `${path.join('.')}: ${message}` }]);

/** `a,b`, `['a','b']` or `a` → `['a','b']`; anything else (objects) is refused. */
const listOf = (value: unknown, name: string): string[] | undefined => {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((item) => typeof item === 'string')) throw refuse([name], 'must be a name or a comma-separated list of names');
  const names = items
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
  return names.length > 0 ? [...new Set(names)] : undefined;
};

const checkKnown = (names: string[] | undefined, known: string[], name: string) => {
  const unknown = (names ?? []).filter((item) => !known.includes(item));
  if (unknown.length > 0)
    throw refuse([name], `unknown ${name} ${unknown.map((item) => JSON.stringify(item)).join(', ')}; one of ${known.join(', ')}`);
};

const positiveInteger = (value: unknown, fallback: number, path: string[]): number => {
  if (value === undefined || value === '') return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isSafeInteger(number) || number < 1) throw refuse(path, 'must be a positive integer');
  return number;
};

export const parseSearchParams = (raw: Record<string, unknown>, rules: ParamRules): SearchParams => {
  const unknown = Object.keys(raw).filter((key) => !(SEARCH_QUERY_PARAMS as readonly string[]).includes(key));
  if (unknown.length > 0) throw refuse([unknown[0]], `unknown parameter; this route reads ${SEARCH_QUERY_PARAMS.join(', ')}`);

  const locale = raw.locale === undefined ? rules.defaultLocale : raw.locale;
  if (typeof locale !== 'string' || !rules.locales.includes(locale)) {
    throw refuse(['locale'], `unknown locale ${JSON.stringify(locale)}; one of ${rules.locales.join(', ')}`);
  }

  if (raw.q === undefined) throw refuse(['q'], 'is required: the text to search for');
  if (typeof raw.q !== 'string') throw refuse(['q'], 'must be a single text');
  // A trailing space matters: it ends the last word, which is then no longer matched as a prefix.
  const text = raw.q.trimStart();
  if (text.trim().length === 0) throw refuse(['q'], 'is empty: type at least one word');
  if (text.length > rules.maxQueryLength) throw refuse(['q'], `is longer than ${rules.maxQueryLength} characters`);
  const query = parseQuery(text, rules.analyserOf(locale));
  // A text of stop words only ("the ") has words but nothing to look for: an empty answer, not a 400.
  if (query.words === 0) throw refuse(['q'], 'has no word to search for (letters or digits)');
  if (query.words > rules.maxTerms) throw refuse(['q'], `has more than ${rules.maxTerms} words`);

  const types = listOf(raw.type, 'type');
  checkKnown(types, rules.types, 'type');
  const kinds = listOf(raw.kind, 'kind');
  checkKnown(kinds, rules.kinds, 'kind');

  const pagination = raw.pagination ?? {};
  if (typeof pagination !== 'object' || pagination === null || Array.isArray(pagination))
    throw refuse(['pagination'], 'must be pagination[page] and pagination[pageSize]');
  const extra = Object.keys(pagination).filter((key) => key !== 'page' && key !== 'pageSize');
  if (extra.length > 0) throw refuse(['pagination', extra[0]], 'unknown; use pagination[page] and pagination[pageSize]');
  const { page: rawPage, pageSize: rawSize } = pagination as { page?: unknown; pageSize?: unknown };
  const page = positiveInteger(rawPage, 1, ['pagination', 'page']);
  const pageSize = Math.min(positiveInteger(rawSize, rules.defaultPageSize, ['pagination', 'pageSize']), rules.maxPageSize);
  // Deep pages of a ranked search are never useful and cost a full sort; the offset stays bounded.
  if ((page - 1) * pageSize > 10_000) throw refuse(['pagination', 'page'], 'is too far: refine the search instead');

  return { text, query, locale, types, kinds, page, pageSize };
};
