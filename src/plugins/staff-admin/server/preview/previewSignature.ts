import crypto from 'node:crypto';

/**
 * Preview links to unpublished content are signed, so a site shows a draft only to whoever got the
 * link from the admin panel, and only until it expires. The signature is an HMAC-SHA256, with the
 * secret the site and Passerelle share (PREVIEW_SECRET), over the page's path, the locale, the
 * status and the expiry: changing any of them, or the page, breaks it.
 */
export const PREVIEW_PARAMS = { locale: 'locale', status: 'status', expires: 'expires', signature: 'signature' } as const;

export type PreviewClaims = { path: string; locale: string; status: string; expires: number };

/** The signed text: one field a line, so no field can borrow the end of another. */
const signedText = ({ path, locale, status, expires }: PreviewClaims): string => [path, locale, status, String(expires)].join('\n');

export const previewSignature = (claims: PreviewClaims, secret: string): string =>
  crypto.createHmac('sha256', secret).update(signedText(claims)).digest('hex');

/** Adds locale, status, expiry (Unix seconds) and signature to a page address. */
export const signPreviewUrl = (url: string, claims: Omit<PreviewClaims, 'path'>, secret: string): string => {
  const signed = new URL(url);
  signed.searchParams.set(PREVIEW_PARAMS.locale, claims.locale);
  signed.searchParams.set(PREVIEW_PARAMS.status, claims.status);
  signed.searchParams.set(PREVIEW_PARAMS.expires, String(claims.expires));
  signed.searchParams.set(PREVIEW_PARAMS.signature, previewSignature({ ...claims, path: signed.pathname }, secret));
  return signed.toString();
};

export type PreviewVerdict =
  | { valid: true; path: string; locale: string; status: string; expires: Date }
  | { valid: false; reason: 'unsigned' | 'expired' | 'bad-signature' };

/**
 * What a site runs on a preview request (this function has no dependency and can be copied): true
 * only for a link signed with `secret`, for this path, not yet expired. The comparison takes the same
 * time whatever the signature, so it cannot be guessed byte by byte.
 */
export const verifyPreviewUrl = (url: string | URL, secret: string, now: Date = new Date()): PreviewVerdict => {
  const parsed = new URL(url);
  const get = (name: string) => parsed.searchParams.get(name);
  const locale = get(PREVIEW_PARAMS.locale);
  const status = get(PREVIEW_PARAMS.status);
  const expiresText = get(PREVIEW_PARAMS.expires);
  const signature = get(PREVIEW_PARAMS.signature);
  if (locale === null || status === null || expiresText === null || signature === null || !/^\d+$/.test(expiresText)) {
    return { valid: false, reason: 'unsigned' };
  }
  const expires = Number(expiresText);
  const expected = Buffer.from(previewSignature({ path: parsed.pathname, locale, status, expires }, secret), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { valid: false, reason: 'bad-signature' };
  if (expires * 1000 <= now.getTime()) return { valid: false, reason: 'expired' };
  return { valid: true, path: parsed.pathname, locale, status, expires: new Date(expires * 1000) };
};
