import { compact, imageObject, organizationRef, type CreditedImage, type JsonLd, type JsonLdContext } from '../../lib/jsonld/jsonLd';

type PartnerRef = { name?: string; website?: string | null } | null | undefined;
type Edition = {
  title?: string;
  summary?: string | null;
  startDate?: string;
  endDate?: string;
  format?: 'online' | 'in-person' | 'hybrid';
  territory?: { region?: string; department?: string | null } | null;
  launchEvent?: { name?: string; place?: string | null } | null;
  registrationUrl?: string | null;
  cover?: CreditedImage | null;
  partners?: Array<{ role?: string; partner?: PartnerRef }> | null;
};

const ATTENDANCE: Record<string, string> = {
  online: 'https://schema.org/OnlineEventAttendanceMode',
  'in-person': 'https://schema.org/OfflineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

const partnerOrganization = (partner: PartnerRef): JsonLd | undefined =>
  partner?.name ? compact({ '@type': 'Organization', name: partner.name, url: partner.website ?? undefined }) : undefined;

const uniqueByName = (items: Array<JsonLd | undefined>): JsonLd[] => {
  const seen = new Set<unknown>();
  return items.filter((item): item is JsonLd => {
    if (!item || seen.has(item.name)) return false;
    seen.add(item.name);
    return true;
  });
};

/** schema.org Event for a programme edition: dates, online or physical place, organisers and partners. */
export const eventJsonLd = (edition: Edition, context: JsonLdContext): JsonLd => {
  const format = edition.format ?? 'online';
  const place = compact({
    '@type': 'Place',
    name: edition.launchEvent?.place ?? edition.territory?.department ?? edition.territory?.region,
    address: compact({
      '@type': 'PostalAddress',
      addressLocality: edition.launchEvent?.place ?? undefined,
      addressRegion: edition.territory?.region,
      addressCountry: 'FR',
    }),
  });
  const virtual = compact({ '@type': 'VirtualLocation', url: edition.registrationUrl ?? context.pageUrl });
  const location = format === 'online' ? virtual : format === 'in-person' ? place : [virtual, place];
  const byRole = (roles: string[]) =>
    (edition.partners ?? []).filter((p) => p.role && roles.includes(p.role)).map((p) => partnerOrganization(p.partner));
  const image = imageObject(edition.cover, context.mediaBaseUrl);

  return compact({
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: edition.title,
    description: edition.summary ?? undefined,
    startDate: edition.startDate,
    endDate: edition.endDate,
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: ATTENDANCE[format],
    location,
    image: image ? [image] : undefined,
    url: context.pageUrl,
    inLanguage: context.locale,
    organizer: uniqueByName([organizationRef(context.organization), ...byRole(['co-organiser'])]),
    sponsor: uniqueByName(byRole(['funder', 'event-partner', 'workshop-host', 'venue'])),
    // Registration is free; Google's Event result recommends an offer with its URL.
    offers:
      edition.registrationUrl || context.pageUrl
        ? {
            '@type': 'Offer',
            url: edition.registrationUrl ?? context.pageUrl,
            price: 0,
            priceCurrency: 'EUR',
            availability: 'https://schema.org/InStock',
          }
        : undefined,
  });
};
