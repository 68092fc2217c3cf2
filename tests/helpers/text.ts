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

/** An XML parser that is not the library that wrote the document, so the test checks real XML. */
export const parseXml = (xml: string, lists: string[] = []) =>
  new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => lists.includes(name) }).parse(xml) as Json;
