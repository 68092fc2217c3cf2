/**
 * Surrogate keys: tags on each public answer (the `Surrogate-Key` header) that a caching proxy can
 * purge by, and the keys a write must purge. Varnish (config/proxy/passerelle.vcl) bans on them;
 * Fastly reads the same header. One module, so the tags on answers and the keys in webhooks agree.
 */
import { documentIdsIn } from '../../../../lib/output/documentIds';

export const SURROGATE_KEY_HEADER = 'Surrogate-Key';

/** Every public answer carries it: purging it empties the proxy of Passerelle's answers. */
export const ALL_KEY = 'passerelle';
/** Answers that gather several types (feeds, sitemap, digest) or are not JSON: any write may change them. */
export const AGGREGATE_KEY = 'aggregate';
/** Answers naming more documents than one header can hold: any write may change them too. */
export const MANY_DOCUMENTS_KEY = 'many-documents';

/** Keeps the header well under proxies' header limits (nginx's 4-8 KB buffer, Varnish's 8 KB). */
export const MAX_DOCUMENT_KEYS = 64;

export const typeKey = (uid: string): string => `type:${uid}`;
export const documentKey = (documentId: string): string => `doc:${documentId}`;

/**
 * The keys of one public answer: all answers, its content type (lists and single reads of it), and
 * each document it shows, related ones included, so that an edit of a person purges the articles
 * that populate that person. Routes without a content type of their own are aggregates.
 */
export const answerKeys = (answer: { uid?: string; json?: unknown; documentIds?: readonly string[] }): string[] => {
  const keys = [ALL_KEY, answer.uid ? typeKey(answer.uid) : AGGREGATE_KEY];
  if (answer.json === undefined && answer.documentIds === undefined) return answer.uid ? [...keys, AGGREGATE_KEY] : keys;
  const documents = answer.documentIds ? [...answer.documentIds] : [...documentIdsIn(answer.json)];
  if (documents.length > MAX_DOCUMENT_KEYS) return [...keys, MANY_DOCUMENTS_KEY];
  return [...keys, ...documents.map(documentKey)];
};

/**
 * What a write to one document must purge: answers of its type, every answer showing it or a
 * document related to it now, and the answers that gather several types.
 */
export const writeKeys = (write: { uid: string; documentId?: string; entry?: unknown }): string[] => {
  const documents = new Set(documentIdsIn(write.entry));
  if (write.documentId) documents.add(write.documentId);
  return [typeKey(write.uid), AGGREGATE_KEY, MANY_DOCUMENTS_KEY, ...[...documents].map(documentKey)];
};
