import { compact, imageObject, type CreditedImage, type JsonLd, type JsonLdContext } from '../../lib/jsonld/jsonLd';

const TYPE_BY_KIND: Record<string, string> = {
  company: 'Corporation',
  'public-body': 'GovernmentOrganization',
  association: 'NGO',
  'public-employment-service': 'GovernmentOrganization',
  media: 'NewsMediaOrganization',
  event: 'Organization',
};

type Partner = { name?: string; kind?: string; website?: string | null; description?: string | null; logo?: CreditedImage | null };

/** schema.org Organization (or its closest subtype) for a partner; schema.org defines no `inLanguage` there. */
export const partnerJsonLd = (partner: Partner, context: JsonLdContext): JsonLd =>
  compact({
    '@context': 'https://schema.org',
    '@type': TYPE_BY_KIND[partner.kind ?? ''] ?? 'Organization',
    name: partner.name,
    url: partner.website ?? context.pageUrl,
    description: partner.description ?? undefined,
    logo: imageObject(partner.logo, context.mediaBaseUrl),
  });

type Manifesto = { title?: string; foundingYear?: number | null; founders?: Array<{ name?: string }> | null };

/** The association itself, described on its manifesto. */
export const associationJsonLd = (manifesto: Manifesto, context: JsonLdContext): JsonLd =>
  compact({
    '@context': 'https://schema.org',
    '@type': 'NGO',
    name: context.organization.name,
    url: context.organization.url,
    logo: context.organization.logo,
    foundingDate: manifesto.foundingYear ? String(manifesto.foundingYear) : undefined,
    founder: (manifesto.founders ?? []).filter((f) => f.name).map((f) => ({ '@type': 'Person', name: f.name })),
    description: manifesto.title,
  });
