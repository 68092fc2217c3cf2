import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/config/requiredSecret';
import { DEFAULT_BREAKPOINTS } from '../src/media/mediaSettings';
import { uploadProviderConfig } from '../src/media/objectStorage';
import { graphqlLimitRules } from '../src/graphql/graphqlLimits';
import { mutateDocumentation } from '../src/openapi/completeDocument';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: requiredSecret(env, 'JWT_SECRET'),
    },
  },
  upload: {
    config: {
      // Local disk by default; UPLOAD_PROVIDER=aws-s3 and the S3_* variables put media in a bucket.
      ...uploadProviderConfig(env),
      breakpoints: DEFAULT_BREAKPOINTS,
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT_MB', 40) * 1024 * 1024,
      security: {
        // Photos and documents for the press; SVG and HTML can carry scripts, so they are not accepted.
        allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif', 'image/tiff', 'application/pdf'],
      },
    },
  },
  documentation: {
    config: {
      // Nullable fields, public reads and locales as the API really answers (tests check every response).
      'x-strapi-config': { mutateDocumentation },
    },
  },
  graphql: {
    config: {
      // The Apollo Sandbox at /graphql helps in development; production serves no playground.
      landingPage: env('NODE_ENV', 'development') !== 'production',
      defaultLimit: env.int('API_DEFAULT_PAGE_SIZE', 25),
      maxLimit: env.int('API_MAX_PAGE_SIZE', 100),
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10),
      apolloServer: {
        // Errors never carry a stack trace (server paths, library versions): the server log has it.
        includeStacktraceInErrorResponses: false,
        validationRules: graphqlLimitRules({
          depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10),
          maxAliases: env.int('GRAPHQL_MAX_ALIASES', 15),
          maxCost: env.int('GRAPHQL_MAX_COST', 5000),
        }),
      },
    },
  },
});

export default config;
