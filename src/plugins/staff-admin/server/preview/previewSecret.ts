import crypto from 'node:crypto';
import { requiredSecret } from '../../../../lib/config/requiredSecret';

type Env = (name: string, fallback?: string) => string | undefined;

/**
 * The secret preview links are signed with, shared with the site. Required in production like
 * Strapi's own secrets. Elsewhere a `.env` written before it existed lacks it, so it is derived
 * from APP_KEYS (stable across restarts); set PREVIEW_SECRET to the site's value to try previews.
 */
export const previewSecret = (env: Env): string => {
  if (env('NODE_ENV', 'development') === 'production' || env('PREVIEW_SECRET')) return requiredSecret(env, 'PREVIEW_SECRET');
  const appKeys = requiredSecret(env, 'APP_KEYS');
  return crypto.createHash('sha256').update(`passerelle-preview\n${appKeys}`).digest('base64');
};
