import { buildSiteUrl, siteTypeOf, type SiteConfig } from '../../../../lib/site/siteUrls';
import { signPreviewUrl } from './previewSignature';

export type PreviewTarget = {
  uid: string;
  locale?: string | null;
  status?: string;
  /** The document's slug in that locale and status; absent for pages without one (the manifesto). */
  slug?: string | null;
};

/** The query parameter the site reads to show unpublished content (its draft mode). */
export const DRAFT_MARKER = 'preview';

/** The shared secret and the instant until which a draft's preview link is valid. */
export type PreviewSigning = { secret: string; expiresAt: Date };

/**
 * The page on the public site that shows this document, in its locale; drafts carry
 * `?preview=true` so the site fetches the draft rather than the published version, and a signature
 * with an expiry (see previewSignature.ts) without which the site must not show it.
 * Undefined when the site has no page for the type or the document has no slug yet.
 */
export const previewUrl = (site: SiteConfig, target: PreviewTarget, defaultLocale: string, signing: PreviewSigning): string | undefined => {
  const locale = target.locale || defaultLocale;
  const url = buildSiteUrl(site, siteTypeOf(target.uid), locale, target.slug);
  if (!url) return undefined;
  if (target.status !== 'draft') return url;
  const marked = new URL(url);
  marked.searchParams.set(DRAFT_MARKER, 'true');
  return signPreviewUrl(
    marked.toString(),
    { locale, status: 'draft', expires: Math.floor(signing.expiresAt.getTime() / 1000) },
    signing.secret
  );
};

/** Frame origins the admin may show: the site's own. */
export const previewOrigins = (siteUrl: string): string[] => {
  try {
    return [new URL(siteUrl).origin];
  } catch {
    return [];
  }
};
