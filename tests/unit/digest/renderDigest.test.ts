import { XMLParser } from 'fast-xml-parser';
import { collectDigest, type Digest } from '../../../src/plugins/distribution/server/digest/collectDigest';
import { renderDigestHtml } from '../../../src/plugins/distribution/server/digest/renderDigestHtml';
import { renderDigestText } from '../../../src/plugins/distribution/server/digest/renderDigestText';
import type { PublicEntry } from '../../../src/plugins/distribution/server/publicEntry';
import { passerelleDistribution } from '../../../src/distribution/passerelleDistribution';

/** Passerelle's section headings in French, as the newsletter route passes them. */
const TITLES = Object.fromEntries(
  Object.entries(
    passerelleDistribution({ url: 'https://site.example', name: 'D', paths: {}, organization: { name: 'D', url: 'https://site.example' } })
      .digest.sections
  ).map(([name, section]) => [name, section.titles.fr])
);

const entry = (overrides: Partial<PublicEntry>): PublicEntry => ({
  type: 'article',
  documentId: 'x',
  kind: 'news',
  title: 'Titre',
  url: 'https://site.example/fr/x',
  date: new Date('2026-11-20T09:00:00.000Z'),
  categories: [],
  ...overrides,
});

const TRICKY_TITLE = 'Actualité <b>importante</b> & "citée"';

const digest: Digest = collectDigest({
  locale: 'fr',
  since: new Date('2026-10-31T23:00:00.000Z'),
  site: { name: 'Diversidays', url: 'https://site.example/fr' },
  sections: [
    {
      name: 'news',
      upcoming: false,
      // More news became public than the section shows.
      more: true,
      entries: [
        entry({
          documentId: 'n1',
          title: TRICKY_TITLE,
          summary: 'Résumé <script>alert(1)</script>',
          url: 'https://site.example/fr/a?x=1&y="2"',
          image: { url: 'https://cms.example/uploads/a.jpg', alt: 'Une "passerelle" blanche', width: 1200, height: 800 },
        }),
        entry({ documentId: 'a1', kind: 'announcement', title: 'Annonce', date: new Date('2026-11-21T09:00:00.000Z') }),
      ],
    },
    {
      name: 'pressReleases',
      upcoming: false,
      more: false,
      entries: [entry({ documentId: 'p1', kind: 'press-release', title: 'Communiqué' })],
    },
    {
      name: 'pressCoverage',
      upcoming: false,
      more: false,
      entries: [
        entry({
          type: 'press-coverage',
          documentId: 'c1',
          kind: 'online',
          title: 'Article de presse',
          source: { name: 'ToulÉco', url: 'https://www.touleco.fr/x' },
        }),
      ],
    },
    {
      name: 'upcomingEditions',
      // Read soonest first from the database; kept in that order.
      upcoming: true,
      more: false,
      entries: [
        entry({ type: 'edition', documentId: 'e1', title: 'Édition A', startDate: '2027-01-10', endDate: '2027-01-20' }),
        entry({ type: 'edition', documentId: 'e2', title: 'Édition B', startDate: '2027-03-01', endDate: '2027-03-10' }),
      ],
    },
  ],
});

describe('collectDigest', () => {
  it('keeps the sections in order, newest first, and upcoming editions as read (soonest first)', () => {
    expect(digest.sections.news.map((i) => i.documentId)).toEqual(['a1', 'n1']);
    expect(digest.sections.pressReleases.map((i) => i.documentId)).toEqual(['p1']);
    expect(digest.sections.pressCoverage[0]).toMatchObject({
      documentId: 'c1',
      source: { name: 'ToulÉco', url: 'https://www.touleco.fr/x' },
    });
    expect(digest.sections.upcomingEditions.map((i) => i.title)).toEqual(['Édition A', 'Édition B']);
    expect(digest.sections.news[1]).toMatchObject({ date: '2026-11-20T09:00:00.000Z', image: { alt: 'Une "passerelle" blanche' } });
    expect(digest.more).toEqual({ news: true, pressReleases: false, pressCoverage: false, upcomingEditions: false });
  });
});

describe('renderDigestHtml', () => {
  const html = renderDigestHtml(digest, 'Europe/Paris', TITLES);

  it('is well-formed markup with table layout and inline styles only', () => {
    const parser = new XMLParser({ ignoreAttributes: false, unpairedTags: ['meta'] });
    expect(() => parser.parse(html.replace('<!DOCTYPE html>', ''))).not.toThrow();
    expect(html).not.toMatch(/<style|<link|<div|class=|<script/i);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('role="presentation"');
    expect((html.match(/<table /g) ?? []).length).toBeGreaterThan(3);
  });

  it('escapes every value, gives images alt text, and links to the site', () => {
    expect(html).toContain('Actualité &lt;b&gt;importante&lt;/b&gt; &amp; &quot;citée&quot;');
    expect(html).toContain('Résumé &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('href="https://site.example/fr/a?x=1&amp;y=&quot;2&quot;"');
    const images = html.match(/<img [^>]*>/g) ?? [];
    expect(images).toHaveLength(1);
    expect(images[0]).toContain('alt="Une &quot;passerelle&quot; blanche"');
    expect(images[0]).toMatch(/style="[^"]*display:block/);
  });

  it('has the sections in order, with French headings and dates', () => {
    const order = ['Actualités', 'Communiqués de presse', 'Revue de presse', 'Prochaines éditions'].map((h) => html.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('Publié depuis le 1 novembre 2026');
    expect(html).toContain('Du 10 janvier 2027 au 20 janvier 2027');
  });

  it('starts with a hidden preheader, and each link says which item it opens', () => {
    const body = html.slice(html.indexOf('<body'));
    expect(body).toMatch(
      /^<body[^>]*>\n<span style="display:none;[^"]*">Au sommaire : Annonce · Actualité &lt;b&gt;importante&lt;\/b&gt; &amp; &quot;citée&quot; · Communiqué<\/span>/
    );
    const links = [...html.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((match) => match[1]).filter((text) => text.startsWith('Lire la suite'));
    expect(links).toHaveLength(6);
    expect(new Set(links).size).toBe(links.length);
    expect(links).toContain('Lire la suite : Communiqué');
  });

  it('ends a section cut short with a link to the site that names the section, and only that section', () => {
    const more = [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*la suite sur[^<]*)<\/a>/g)].map((match) => [match[1], match[2]]);
    expect(more).toEqual([['https://site.example/fr', 'Actualités : la suite sur Diversidays']]);
    // After the section's last item, before the next section.
    expect(html.indexOf('la suite sur')).toBeGreaterThan(html.indexOf('Lire la suite : Actualité'));
    expect(html.indexOf('la suite sur')).toBeLessThan(html.indexOf('Communiqués de presse'));
  });

  it('says so when nothing is new', () => {
    const empty = collectDigest({
      locale: 'en',
      since: new Date('2026-11-01T00:00:00Z'),
      site: { name: 'D', url: 'https://s' },
      sections: [{ name: 'news', upcoming: false, more: false, entries: [] }],
    });
    expect(renderDigestHtml(empty, 'UTC', {})).toContain('Nothing new since the last newsletter.');
    expect(renderDigestText(empty, 'UTC', {})).toContain('Nothing new since the last newsletter.');
  });
});

describe('renderDigestText', () => {
  const text = renderDigestText(digest, 'Europe/Paris', TITLES);

  it('carries the same items as plain text, unescaped, with their addresses', () => {
    expect(text).toContain(`* ${TRICKY_TITLE}`);
    expect(text).not.toMatch(/&lt;|&amp;|&quot;|<table|<a /);
    expect(text).toContain('  https://site.example/fr/a?x=1&y="2"');
    expect(text).toContain('COMMUNIQUÉS DE PRESSE');
    expect(text).toContain('  ToulÉco · 20 novembre 2026');
    expect(text.indexOf('ACTUALITÉS')).toBeLessThan(text.indexOf('PROCHAINES ÉDITIONS'));
  });

  it('ends a section cut short with the site address', () => {
    expect(text).toContain('Actualités : la suite sur Diversidays\n  https://site.example/fr\n');
    expect(text.match(/la suite sur/g)).toHaveLength(1);
  });
});
