/** The origin (scheme, host, port) of an address; undefined for an empty or relative one. */
export const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

export type CorsPolicy = {
  /** Origins whose pages may read the API from a browser. */
  origins: string[];
  /** Cookies and HTTP authentication are for the admin panel alone; the site's pages send tokens in a header. */
  allowsCredentials: (requestOrigin: string) => boolean;
};

/**
 * Which browser pages may call the API: those listed in CORS_ORIGINS, else the public site's
 * (SITE_URL) and the admin panel's (PUBLIC_URL, where `/admin` is served). Never "any origin".
 */
export const corsPolicy = ({
  configured,
  siteUrl,
  publicUrl,
}: {
  configured: string[];
  siteUrl: string;
  publicUrl: string;
}): CorsPolicy => {
  const adminOrigin = originOf(publicUrl);
  const listed = configured.map((origin) => origin.trim()).filter((origin) => origin !== '');
  const defaults = [originOf(siteUrl), adminOrigin].filter((origin): origin is string => origin !== undefined);
  return {
    origins: [...new Set(listed.length > 0 ? listed : defaults)],
    allowsCredentials: (requestOrigin) => adminOrigin !== undefined && requestOrigin === adminOrigin,
  };
};
