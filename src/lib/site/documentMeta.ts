import type { Core, UID } from '@strapi/strapi';
import { findAlternates, type Alternate } from './alternates';
import { jsonLdFor } from '../jsonld/jsonLd';
import { buildSiteUrl, siteConfig, siteTypeOf } from './siteUrls';

/** Passerelle's own mark, served by `strapi::public` from `public/logo.png`. */
const DEFAULT_LOGO_PATH = '/logo.png';

type MetaOptions = {
  served: string;
  status: string;
  mediaBaseUrl: string;
  /** The document's alternates when already read with other documents' (`findAlternatesOfMany`). */
  knownAlternates?: Alternate[];
};

/**
 * What a document's answer says about it besides its fields: its page address on the site, its other
 * locales and its schema.org JSON-LD. Computed from the sanitized document (`described`), in the
 * locale it is served in. The read model stores the same, computed by the same function.
 */
export const documentMeta = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  described: Record<string, unknown> & { documentId?: string; slug?: string | null },
  { served, status, mediaBaseUrl, knownAlternates }: MetaOptions
) => {
  const site = siteConfig(strapi);
  const pageUrl = buildSiteUrl(site, siteTypeOf(uid), served, described.slug);
  // Google asks for a publisher logo: the configured one, else the logo this server ships in public/.
  const organization = { ...site.organization, logo: site.organization.logo || `${mediaBaseUrl}${DEFAULT_LOGO_PATH}` };
  const jsonLd = jsonLdFor(strapi, uid, described, { locale: served, pageUrl, mediaBaseUrl, organization });
  return {
    url: pageUrl ?? null,
    alternates: described.documentId ? (knownAlternates ?? (await findAlternates(strapi, uid, described.documentId, served, status))) : [],
    ...(jsonLd ? { jsonLd } : {}),
  };
};
