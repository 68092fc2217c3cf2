import { newsArticleJsonLd } from '../../../src/distribution/jsonld/newsArticle';
import { eventJsonLd } from '../../../src/distribution/jsonld/event';
import { partnerJsonLd } from '../../../src/distribution/jsonld/organization';

const context = {
  locale: 'fr',
  pageUrl: 'https://www.example.org/fr/x',
  mediaBaseUrl: 'https://cms.example.org',
  organization: { name: 'Diversidays', url: 'https://www.example.org' },
};

describe('newsArticleJsonLd', () => {
  it('dates a release from its embargo, not from when staff published it', () => {
    const jsonLd = newsArticleJsonLd(
      {
        title: 'Communiqué',
        kind: 'press-release',
        publishedAt: '2031-01-01T00:00:00.000Z',
        embargoUntil: '2031-01-05T08:00:00.000Z',
        cover: { image: { url: '/uploads/a.jpg', width: 10, height: 5 }, credit: 'M.H.' },
      },
      context
    );
    expect(jsonLd).toMatchObject({
      '@type': 'NewsArticle',
      datePublished: '2031-01-05T08:00:00.000Z',
      genre: 'Press release',
      image: [{ '@type': 'ImageObject', url: 'https://cms.example.org/uploads/a.jpg', width: 10, creditText: 'M.H.' }],
      mainEntityOfPage: { '@id': 'https://www.example.org/fr/x' },
    });
  });

  it('is never modified before it was published, and names its author with a URL', () => {
    // Edited on the 3rd, public at the embargo on the 5th.
    const jsonLd = newsArticleJsonLd(
      {
        title: 'Communiqué',
        kind: 'press-release',
        publishedAt: '2031-01-01T00:00:00.000Z',
        updatedAt: '2031-01-03T00:00:00.000Z',
        embargoUntil: '2031-01-05T08:00:00.000Z',
        byline: 'Service presse',
      },
      { ...context, organization: { ...context.organization, logo: 'https://www.example.org/logo.png' } }
    );
    expect(jsonLd.dateModified).toBe('2031-01-05T08:00:00.000Z');
    expect(jsonLd.author).toEqual([{ '@type': 'Organization', name: 'Service presse', url: 'https://www.example.org' }]);
    expect(jsonLd.publisher).toMatchObject({ logo: 'https://www.example.org/logo.png' });
    const later = newsArticleJsonLd(
      { title: 'A', publishedAt: '2031-01-01T00:00:00.000Z', updatedAt: '2031-02-01T00:00:00.000Z' },
      context
    );
    expect(later.dateModified).toBe('2031-02-01T00:00:00.000Z');
  });

  it('writes no empty values', () => {
    const jsonLd = newsArticleJsonLd({ title: 'Sans image', standfirst: null, tags: [] }, context);
    expect(Object.values(jsonLd)).not.toContain(null);
    expect(jsonLd).not.toHaveProperty('image');
    expect(jsonLd).not.toHaveProperty('keywords');
  });
});

describe('eventJsonLd', () => {
  it.each([
    ['online', 'VirtualLocation'],
    ['in-person', 'Place'],
  ] as const)('places a %s edition at a %s', (format, type) => {
    const jsonLd = eventJsonLd(
      { title: 'E', startDate: '2020-09-28', endDate: '2020-10-05', format, territory: { region: 'Occitanie' } },
      context
    );
    expect((jsonLd.location as { '@type': string })['@type']).toBe(type);
  });

  it('lists each partner once, by role', () => {
    const jsonLd = eventJsonLd(
      {
        title: 'E',
        partners: [
          { role: 'co-organiser', partner: { name: 'Région Occitanie' } },
          { role: 'event-partner', partner: { name: 'Google' } },
          { role: 'workshop-host', partner: { name: 'Google' } },
        ],
      },
      context
    );
    expect((jsonLd.organizer as Array<{ name: string }>).map((o) => o.name)).toEqual(['Diversidays', 'Région Occitanie']);
    expect((jsonLd.sponsor as Array<{ name: string }>).map((o) => o.name)).toEqual(['Google']);
  });
});

describe('partnerJsonLd', () => {
  it.each([
    ['company', 'Corporation'],
    ['public-body', 'GovernmentOrganization'],
    ['media', 'NewsMediaOrganization'],
    ['unknown', 'Organization'],
  ])('a %s is a %s', (kind, type) => {
    expect(partnerJsonLd({ name: 'P', kind }, context)['@type']).toBe(type);
  });
});

describe('partnerJsonLd and eventJsonLd: only what schema.org defines and Google recommends', () => {
  it('gives an Organization no inLanguage (schema.org has none there)', () => {
    expect(partnerJsonLd({ name: 'Région Occitanie', kind: 'public-body' }, context)).not.toHaveProperty('inLanguage');
  });

  it('offers free registration, at the registration URL or else the page', () => {
    const base = { title: 'E', startDate: '2020-09-28', endDate: '2020-10-05', format: 'online' as const };
    expect(eventJsonLd({ ...base, registrationUrl: 'https://www.diversidays.com' }, context).offers).toEqual({
      '@type': 'Offer',
      url: 'https://www.diversidays.com',
      price: 0,
      priceCurrency: 'EUR',
      availability: 'https://schema.org/InStock',
    });
    expect(eventJsonLd(base, context).offers).toMatchObject({ url: context.pageUrl, price: 0 });
  });
});
