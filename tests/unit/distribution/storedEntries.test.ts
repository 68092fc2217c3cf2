import fc from 'fast-check';
import { toPublicEntry, type EntryContext } from '../../../src/plugins/distribution/server/publicEntry';
import { fromStoredEntry, storedEntryOf } from '../../../src/plugins/distribution/server/storedEntries';
import { ENTRIES } from '../../../src/distribution/passerelleDistribution';
import { propertySeed } from '../../helpers/propertySeed';

type Document = Parameters<typeof toPublicEntry>[0];

/**
 * The read model stores each version's public entry when it computes its row, and feeds and the
 * digest read it back instead of mapping the document (src/plugins/distribution/server/storedEntries.ts).
 * Differ: for random documents of every mapped type, the entry stored (as JSON, media addresses as
 * Strapi keeps them) and read back on a CMS address is the entry `toPublicEntry` maps from the
 * document on that address. The HTTP comparison of both paths is tests/api/read-model-lists-equivalence.test.ts.
 */
const context: Omit<EntryContext, 'mediaBaseUrl'> = {
  locale: 'fr',
  timeFields: ['embargoUntil', 'visibleFrom'],
  site: {
    url: 'https://site.example',
    name: 'Diversidays',
    organization: { name: 'Diversidays', url: 'https://site.example' },
    paths: {
      article: { default: '/{locale}/actualites/{slug}' },
      'press-coverage': { default: '/{locale}/presse/{slug}' },
      edition: { default: '/{locale}/editions/{slug}' },
    },
  },
};

const instant = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
/** Mostly present: a document without a title, slug or date has no entry, and compares nothing. */
const maybe = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: value, weight: 6 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
const text = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('  ', 'DéClics Numériques', 'R&D <b>', ' padded '));
const file = fc.record({
  url: fc.oneof(fc.constantFrom('/uploads/a.jpg', 'uploads/b c.png', 'https://cdn.example/x.webp'), fc.webUrl()),
  mime: maybe(fc.constantFrom('image/jpeg', 'image/png')),
  width: maybe(fc.nat(4000)),
  height: maybe(fc.nat(4000)),
  alternativeText: maybe(text),
});
const creditedImage = maybe(fc.record({ alternativeText: maybe(text), image: maybe(file) }));

/** A document with every field any mapping reads, each present or not. */
const document: fc.Arbitrary<Document> = fc.record({
  documentId: fc.string({ minLength: 1, maxLength: 24 }),
  slug: maybe(fc.constantFrom('lancement', 'declics-2026', 'a-b')),
  title: maybe(text),
  headline: maybe(text),
  standfirst: maybe(text),
  summary: maybe(text),
  kind: maybe(fc.constantFrom('news', 'press-release')),
  medium: maybe(fc.constantFrom('print', 'online')),
  format: maybe(fc.constantFrom('online', 'hybrid')),
  byline: maybe(text),
  journalist: maybe(text),
  publishedAt: maybe(instant),
  embargoUntil: maybe(instant),
  visibleFrom: maybe(instant),
  publicationDate: maybe(fc.oneof(fc.constantFrom('2026-11-02', 'not a day'), instant)),
  startDate: maybe(fc.constantFrom('2026-11-02', '2027-01-15')),
  endDate: maybe(fc.constantFrom('2026-11-03', '2027-01-16')),
  originalUrl: maybe(fc.webUrl()),
  cover: creditedImage,
  photo: maybe(file),
  tags: maybe(fc.array(fc.record({ label: maybe(text) }), { maxLength: 3 })),
  outlet: maybe(fc.record({ name: maybe(text), website: maybe(fc.webUrl()) })),
});

describe('stored entries', () => {
  it.each(Object.keys(ENTRIES))('of %s read back as the entry mapped from the document', (uid) => {
    let withCover = 0;
    fc.assert(
      fc.property(document, fc.constantFrom('https://cms.example', 'http://127.0.0.1:1337/', ''), (doc, mediaBaseUrl) => {
        const stored = storedEntryOf(doc, uid, ENTRIES[uid], context);
        // Through the database: JSON text.
        const readBack = JSON.parse(JSON.stringify(stored)) as Record<string, unknown> | null;
        const entry = fromStoredEntry({ documentId: doc.documentId, visibleSince: null, entry: readBack }, mediaBaseUrl);
        expect(entry).toEqual(toPublicEntry(doc, uid, ENTRIES[uid], { ...context, mediaBaseUrl }));
        if (entry?.image) withCover += 1;
      }),
      { seed: propertySeed(20261208), numRuns: 300 }
    );
    // The draws reach what is compared: entries, most with a cover.
    expect(withCover).toBeGreaterThan(60);
  });
});
