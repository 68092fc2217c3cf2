import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { checkSync } from 'recheck';

/**
 * Every `regex` in our content-type and component schemas is run by Strapi (and the admin panel) on
 * values of any length, before or alongside `maxLength`. A pattern that backtracks can freeze the
 * server on one long value, so each must be free of super-linear backtracking.
 */
const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

const schemaFiles = (): string[] => {
  const contentTypes = fs.readdirSync(path.join(SRC, 'api')).flatMap((api) => {
    const dir = path.join(SRC, 'api', api, 'content-types');
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((type) => path.join(dir, type, 'schema.json')) : [];
  });
  const components = fs
    .readdirSync(path.join(SRC, 'components'))
    .flatMap((category) =>
      fs.readdirSync(path.join(SRC, 'components', category)).map((file) => path.join(SRC, 'components', category, file))
    );
  return [...contentTypes, ...components].filter((file) => file.endsWith('.json') && fs.existsSync(file));
};

type Attribute = { type: string; regex?: string };
const regexAttributes = schemaFiles().flatMap((file) => {
  const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { attributes: Record<string, Attribute> };
  return Object.entries(schema.attributes)
    .filter(([, attribute]) => typeof attribute.regex === 'string')
    .map(([name, attribute]) => [`${path.relative(SRC, file)} ${name}`, attribute.regex as string] as const);
});

const URL_PATTERN = '^https?://[^\\s/?#.]+\\.[^\\s]+$';
/** The pattern before issue #12: quadratic on `a.a.a.…` followed by a space. */
const QUADRATIC_URL_PATTERN = '^https?://[^\\s/?#]+\\.[^\\s]+$';

/** recheck's static analysis (no timing, so no flakiness on a loaded machine): 'safe' means linear or better. */
const complexityOf = (regex: string) => checkSync(regex, '', { timeout: 20_000 });

describe('regexes in the schemas', () => {
  it('include the URL pattern of edition, partner, press coverage and content.outlet', () => {
    const urlFields = regexAttributes.filter(([, regex]) => regex === URL_PATTERN).map(([name]) => name);
    expect(urlFields).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^api\/edition\/.* registrationUrl$/),
        expect.stringMatching(/^api\/partner\/.* website$/),
        expect.stringMatching(/^api\/press-coverage\/.* originalUrl$/),
        expect.stringMatching(/^components\/content\/outlet\.json website$/),
      ])
    );
  });

  it('the check catches a quadratic pattern (the one the URL fields had)', () => {
    expect(complexityOf(QUADRATIC_URL_PATTERN)).toMatchObject({ status: 'vulnerable', complexity: { type: 'polynomial' } });
  });

  it.each(regexAttributes)('%s cannot backtrack (linear time on any value)', (_name, regex) => {
    expect(complexityOf(regex).status).toBe('safe');
  });

  it('the URL pattern accepts web addresses', () => {
    const pattern = new RegExp(URL_PATTERN);
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (url) =>
        pattern.test(url)
      )
    );
    for (const url of ['https://www.ladepeche.fr/2020/09/28/declics.html', 'http://example.org', 'https://a.b/c?d=e#f'])
      expect(pattern.test(url)).toBe(true);
    for (const url of [
      'www.example.org',
      'javascript:alert(1)',
      'https://localhost',
      'https://exa mple.org',
      'ftp://example.org',
      'https://.example.org',
    ]) {
      expect(pattern.test(url)).toBe(false);
    }
  });

  it('the URL pattern decides as the former pattern did, except hosts starting with a dot', () => {
    const linear = new RegExp(URL_PATTERN);
    const quadratic = new RegExp(QUADRATIC_URL_PATTERN);
    const tail = fc.string({ unit: fc.constantFrom('a', '.', '/', '?', '#', ' ', '\t', ':', '-'), maxLength: 30 });
    fc.assert(
      fc.property(fc.constantFrom('http://', 'https://', 'htp://', ''), tail, (scheme, rest) => {
        const value = scheme + rest;
        const expected = quadratic.test(value) && !rest.startsWith('.');
        return linear.test(value) === expected;
      }),
      { numRuns: 5000 }
    );
  });
});
