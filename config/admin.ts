import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/lib/config/requiredSecret';
import { createPreviewHandler } from '../src/plugins/staff-admin/server/preview/previewHandler';
import { previewOrigins } from '../src/plugins/staff-admin/server/preview/previewUrl';
import { previewSecret } from '../src/plugins/staff-admin/server/preview/previewSecret';
import site from './site';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: requiredSecret(env, 'ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: requiredSecret(env, 'API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: requiredSecret(env, 'TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: requiredSecret(env, 'ENCRYPTION_KEY'),
  },
  // "Preview" in the content manager opens the document's page on the site, in its locale, drafts included.
  preview: {
    enabled: env.bool('PREVIEW_ENABLED', true),
    config: {
      allowedOrigins: previewOrigins(site({ env }).url),
      handler: createPreviewHandler(() => strapi, {
        secret: previewSecret(env),
        ttlSeconds: env.int('PREVIEW_LINK_TTL_MINUTES', 60) * 60,
      }),
    },
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});

export default config;
