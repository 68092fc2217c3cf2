import { PRESS_KIT_ACTION } from '../press-kit/pressKitAction';

/** Custom routes that anyone may call; embargo and scheduling still apply inside each of them. */
export const PUBLIC_ROUTE_ACTIONS: string[] = [
  PRESS_KIT_ACTION,
  // Distribution: feeds, sitemap and newsletter digest.
  'api::feed.feed.find',
  'api::sitemap.sitemap.find',
  'api::newsletter.newsletter.digest',
];
