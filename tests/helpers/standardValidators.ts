import fs from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import { validateXML } from 'xmllint-wasm';

/**
 * Validators that share no code with the builders: libxml2 (xmllint-wasm) with the sitemaps.org
 * schema, and the JSON-LD processor `jsonld` to expand structured data before checking it.
 */
const SITEMAP_XSD = path.join(path.dirname(require.resolve('sitemap/package.json')), 'schema', 'sitemap.xsd');

/**
 * The sitemaps.org schema lets other namespaces in with `processContents="strict"`, so Google's
 * `xhtml:link` alternates need a declaration; the W3C's XHTML schema is remote, so this declares
 * only `link` with the attributes Google documents for hreflang.
 */
const XHTML_LINK_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/1999/xhtml" elementFormDefault="qualified">
  <xsd:element name="link"><xsd:complexType>
    <xsd:attribute name="rel" type="xsd:string" use="required"/>
    <xsd:attribute name="hreflang" type="xsd:language" use="required"/>
    <xsd:attribute name="href" type="xsd:anyURI" use="required"/>
  </xsd:complexType></xsd:element>
</xsd:schema>`;

const SITEMAP_WITH_ALTERNATES_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap.xsd"/>
  <xsd:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="xhtml-link.xsd"/>
</xsd:schema>`;

/** The errors xmllint reports when validating a sitemap against the sitemaps.org 0.9 schema; empty when valid. */
export const sitemapSchemaErrors = async (xml: string): Promise<string[]> => {
  const result = await validateXML({
    xml: { fileName: 'sitemap.xml', contents: xml },
    schema: { fileName: 'all.xsd', contents: SITEMAP_WITH_ALTERNATES_XSD },
    preload: [
      { fileName: 'sitemap.xsd', contents: fs.readFileSync(SITEMAP_XSD, 'utf8') },
      { fileName: 'xhtml-link.xsd', contents: XHTML_LINK_XSD },
    ],
  });
  return result.errors.map((error) => error.rawMessage);
};

/**
 * schema.org's context maps every term into its vocabulary; a local copy of that mapping keeps the
 * tests offline (the processor would otherwise fetch https://schema.org/).
 */
const SCHEMA_ORG_CONTEXT = { '@context': { '@vocab': 'https://schema.org/', url: { '@id': 'https://schema.org/url', '@type': '@id' } } };
const documentLoader = (url: string) => {
  if (/^https?:\/\/schema\.org\/?$/.test(url))
    return Promise.resolve({ contextUrl: undefined, documentUrl: url, document: SCHEMA_ORG_CONTEXT });
  return Promise.reject(new Error(`No network in tests: ${url}`));
};

type Expanded = Record<string, unknown>;
const S = (term: string) => `https://schema.org/${term}`;

export const expandJsonLd = async (document: Record<string, unknown>): Promise<Expanded[]> =>
  await jsonld.expand(document, { documentLoader } as unknown as jsonld.Options.Expand);

const values = (node: Expanded | undefined, term: string): Expanded[] => (node?.[S(term)] as Expanded[] | undefined) ?? [];
const has = (node: Expanded | undefined, term: string) => values(node, term).length > 0;
const typeOf = (node: Expanded | undefined) => (node?.['@type'] as string[] | undefined) ?? [];
const valueOf = (node: Expanded | undefined) => node?.['@value'] ?? node?.['@id'];

/**
 * What Google's rich results ask of each type (developers.google.com/search/docs/appearance/
 * structured-data: article, event, organization), required and recommended, checked on the
 * expanded graph. Returns what is missing, as `Type.property`.
 */
export const missingRichResultProperties = (node: Expanded): string[] => {
  const missing: string[] = [];
  const need = (owner: Expanded | undefined, label: string, terms: string[]) => {
    for (const term of terms) if (!has(owner, term)) missing.push(`${label}.${term}`);
  };
  const types = typeOf(node);
  if (types.includes(S('NewsArticle'))) {
    need(node, 'NewsArticle', ['headline', 'image', 'datePublished', 'dateModified', 'author', 'publisher']);
    for (const author of values(node, 'author')) need(author, 'NewsArticle.author', ['name', 'url']);
    need(values(node, 'publisher')[0], 'NewsArticle.publisher', ['name', 'url', 'logo']);
    const published = String(valueOf(values(node, 'datePublished')[0]) ?? '');
    const modified = String(valueOf(values(node, 'dateModified')[0]) ?? '');
    if (published && modified && modified < published) missing.push('NewsArticle.dateModified (before datePublished)');
  }
  if (types.includes(S('Event'))) {
    need(node, 'Event', [
      'name',
      'startDate',
      'location',
      'description',
      'endDate',
      'eventAttendanceMode',
      'eventStatus',
      'image',
      'offers',
      'organizer',
    ]);
    for (const offer of values(node, 'offers')) need(offer, 'Event.offers', ['url', 'price', 'priceCurrency', 'availability']);
    for (const organizer of values(node, 'organizer')) need(organizer, 'Event.organizer', ['name', 'url']);
  }
  if (
    types.some((type) =>
      [S('Organization'), S('NGO'), S('Corporation'), S('GovernmentOrganization'), S('NewsMediaOrganization')].includes(type)
    )
  ) {
    need(node, 'Organization', ['name', 'url']);
    if (has(node, 'inLanguage')) missing.push('Organization.inLanguage (not a property of Organization)');
  }
  return missing;
};
