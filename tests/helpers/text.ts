import { XMLParser } from 'fast-xml-parser';
import type { TestServer } from './strapi';
import { queryString } from './api';

type Json = Record<string, unknown>;

/** GET any path (not only under /api) and keep the body as text, whatever its content type. */
export const getText = (server: TestServer, path: string, query: Json = {}, headers: Record<string, string> = {}) => {
  const search = queryString(query);
  const request = server
    .http()
    .get(search ? `${path}?${search}` : path)
    .buffer(true)
    .parse((response, callback) => {
      let data = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (data += chunk));
      response.on('end', () => callback(null, data));
    });
  for (const [name, value] of Object.entries(headers)) request.set(name, value);
  return request;
};

/**
 * An XML parser that is not the library that wrote the document, so the test checks real XML.
 * `decodeHtmlEntities` decodes numeric and HTML named entities too, as a feed reader does;
 * `exactText` keeps every text as written (no trimming, no number parsing).
 */
export const parseXml = (xml: string, lists: string[] = [], { decodeHtmlEntities = false, exactText = false } = {}) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    trimValues: !exactText,
    parseTagValue: !exactText,
    // Its replacement, `entityDecoder`, wants an instance from @nodable/entities, which is only a dependency
    // of fast-xml-parser (5.12.1); the option still works.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    htmlEntities: decodeHtmlEntities,
    isArray: (name) => lists.includes(name),
  }).parse(xml) as Json;
