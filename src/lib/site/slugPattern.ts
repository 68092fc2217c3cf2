/** What a slug may hold (RFC 3986 unreserved characters): a slug route refuses anything else with a 400. */
export const SLUG_PATTERN = /^[A-Za-z0-9-_.~]+$/;
