export declare const throwawaySecrets: () => Record<
  'APP_KEYS' | 'API_TOKEN_SALT' | 'ADMIN_JWT_SECRET' | 'JWT_SECRET' | 'TRANSFER_TOKEN_SALT' | 'ENCRYPTION_KEY' | 'PREVIEW_SECRET',
  string
>;
