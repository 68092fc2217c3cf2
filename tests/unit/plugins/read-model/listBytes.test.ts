import fc from 'fast-check';
import { listAnswer, listBytes, type StoredList } from '../../../../src/plugins/read-model/server/serveList';

/**
 * A stored list page's items come as text (PostgreSQL) or as the UTF-8 bytes SQLite stores (read as a
 * BLOB). Either way the page's bytes are those of Strapi's answer, `JSON.stringify({ data, meta })`, and
 * the parsed answer a controller goes on with is the same: checked on random documents, accents,
 * typographic quotes, emoji and escapes included.
 */
const text = fc.string({ unit: 'binary', maxLength: 30 });
const document = fc.record({
  documentId: fc.stringMatching(/^[a-z0-9]{24}$/),
  title: text,
  tags: fc.array(fc.record({ name: text, count: fc.integer() }), { maxLength: 3 }),
  cover: fc.option(fc.record({ alternativeText: text, width: fc.nat() }), { nil: null }),
});
const meta = fc.record({ pagination: fc.record({ page: fc.nat(), pageSize: fc.nat(), total: fc.nat() }), note: text });

const page = (documents: unknown[], pageMeta: Record<string, unknown>, asBytes: boolean): StoredList => ({
  items: documents.map((data) => (asBytes ? Buffer.from(JSON.stringify(data)) : JSON.stringify(data))),
  documentIds: [],
  meta: pageMeta,
});

describe('a stored list page, from text or from bytes', () => {
  it("goes out as the bytes of Strapi's answer, and parses to it", () => {
    fc.assert(
      fc.property(fc.array(document, { maxLength: 5 }), meta, (documents, pageMeta) => {
        const expected = JSON.stringify({ data: documents, meta: pageMeta });
        for (const asBytes of [false, true]) {
          const stored = page(documents, pageMeta, asBytes);
          expect(listBytes(stored).toString('utf8')).toBe(expected);
          expect(listAnswer(stored)).toEqual(JSON.parse(expected));
        }
      })
    );
  });
});
