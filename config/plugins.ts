import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { requiredSecret } from '../src/lib/config/requiredSecret';
import { DEFAULT_BREAKPOINTS } from '../src/plugins/press-media/server/media/mediaSettings';
import { uploadProviderConfig } from '../src/plugins/press-media/server/media/objectStorage';
import { graphqlLimitRules } from '../src/plugins/public-api/server/graphql/graphqlLimits';
import { apolloServerPlugins } from '../src/plugins/public-api/server/graphql/apolloPlugins';
import { documentationMutator } from '../src/plugins/public-api/server/openapi/completeDocument';
import { EXTRA_LOCALES_ENV, servedLocales } from '../src/locales/localeSettings';
import { passerelleDistribution } from '../src/distribution/passerelleDistribution';
import { ADMIN_VIEWS } from '../src/admin-views';
import { PUBLIC_ROUTE_ACTIONS } from '../src/permissions/publicRouteActions';
import site from './site';

/**
 * One of Passerelle's own plugins (src/plugins/<name>), compiled with the app by `strapi build`.
 * Strapi 5.54 loads a local plugin's `strapi-server.js` from the folder `resolve` names, relative to
 * the app's root, and never compiles TypeScript there (@strapi/core loaders/plugins), so `resolve`
 * names the compiled folder, found next to this compiled file (dist/config → dist/src/plugins/<name>).
 * That folder needs the plugin's package.json, which the build copies along (tsconfig.json includes src's JSON files).
 */
/** The dates an edition's status is derived from (editorial-rules) and that the read model's rows follow. */
const EDITION_DATES = { from: 'startDate', to: 'endDate' };
const localPlugin = (name: string) => ({ enabled: true, resolve: path.join(__dirname, '..', 'src', 'plugins', name) });

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
      'x-strapi-config': { mutateDocumentation: documentationMutator(() => servedLocales(env(EXTRA_LOCALES_ENV, ''))) },
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
          maxAliases: env.int('GRAPHQL_MAX_ALIASES', 15),
          maxCost: env.int('GRAPHQL_MAX_COST', 5000),
        }),
        // Added to the plugin's own (its landing page, its root query arguments).
        plugins: apolloServerPlugins(),
      },
    },
  },
  // Passerelle's plugins. Strapi runs their register and bootstrap in this order, before the app's
  // own (src/index.ts): the visibility filter is the outermost document middleware, then the
  // editorial rules; output visitors follow the same order.
  visibility: {
    ...localPlugin('visibility'),
    config: {
      // Every type of ours: the public reads published documents only (src/plugins/visibility/README.md).
      contentTypes: ['api::*'],
      // Scheduled documents stay hidden until this date, on every type above that has the field.
      schedule: { field: 'visibleFrom' },
      // Press releases under embargo: hidden until this date, except from journalists' API tokens.
      embargo: { field: 'embargoUntil', contentTypes: ['api::article.article'], readerAction: 'api::article.article.embargoed' },
      // A person's email and phone are public only while the person is a press contact.
      privateFields: { 'api::person.person': { fields: ['email', 'phone'], publicWhen: 'isPressContact' } },
    },
  },
  'editorial-rules': {
    ...localPlugin('editorial-rules'),
    config: {
      // Malformed dates, media kinds and the rules below are checked on every write to our types.
      contentTypes: ['api::*'],
      // An empty slug is made from the title (name, headline) of the locale written.
      slugs: {
        types: {
          'api::article.article': { field: 'slug', from: 'title' },
          'api::edition.edition': { field: 'slug', from: 'title' },
          'api::partner.partner': { field: 'slug', from: 'name' },
          'api::press-coverage.press-coverage': { field: 'slug', from: 'headline' },
          'api::programme.programme': { field: 'slug', from: 'name' },
        },
        // French transliteration (« & » → `et`) for every locale's slugs.
        language: 'fr',
      },
      rules: {
        'api::article.article': [
          {
            rule: 'onlyWhen',
            field: 'embargoUntil',
            when: { field: 'kind', equals: 'press-release' },
            message:
              'seul un communiqué de presse peut être sous embargo / only a press release (kind "press-release") can have an embargo, this one is "{kind}"',
          },
        ],
        'api::edition.edition': [
          {
            rule: 'notBefore',
            field: 'endDate',
            notBefore: 'startDate',
            message: 'la date de fin ({endDate}) précède la date de début ({startDate}) / end date is before start date',
          },
        ],
        'api::person.person': [
          {
            rule: 'oneRequiredWhen',
            when: 'isPressContact',
            fields: ['email', 'phone'],
            message: 'un contact presse a besoin d’un e-mail ou d’un téléphone / a press contact needs an email or a phone number',
          },
        ],
      },
      // Credited images cannot be published without alternative text.
      altText: { component: 'media.credited-image', contentTypes: ['api::*'] },
      // Who a release is about (editions, partners, press contacts) is the same in every locale.
      sharedRelations: { contentTypes: ['api::*'] },
      // An edition is served with its `status` (upcoming, running, finished), derived from its dates.
      dateStatus: { 'api::edition.edition': { field: 'status', start: EDITION_DATES.from, end: EDITION_DATES.to } },
    },
  },
  'public-api': {
    ...localPlugin('public-api'),
    config: {
      // What visitors and site users may call: published content, feeds, search (src/permissions).
      publicActions: PUBLIC_ROUTE_ACTIONS,
      // GET /api/articles/embargoed, for journalists' tokens: press releases still under embargo.
      embargoedReleases: { type: 'api::article.article', field: 'embargoUntil', filters: { kind: 'press-release' } },
      // One statement for a relation field of every item of a GraphQL list, not one per item.
      graphqlBatchLoads: env.bool('GRAPHQL_BATCH_LOADS', true),
      // A title or a component resolved without Strapi's auth and policy wrapper, which does nothing for it.
      graphqlPlainFields: env.bool('GRAPHQL_PLAIN_FIELDS', true),
      // The Public's plain lists (locale, page, publication order) answered from the read model's rows.
      graphqlReadModel: env.bool('GRAPHQL_READ_MODEL', true),
      // Requests answered in the order they arrived, one a turn of the event loop (a feed's p99 under load: README).
      dispatchInArrivalOrder: env.bool('DISPATCH_IN_ARRIVAL_ORDER', true),
    },
  },
  'response-cache': {
    ...localPlugin('response-cache'),
    config: {
      // How long a CDN may keep a public answer, and serve it while refreshing (README, "HTTP caching").
      sMaxAge: env.int('CACHE_S_MAXAGE', 60),
      staleWhileRevalidate: env.int('CACHE_STALE_WHILE_REVALIDATE', 300),
      // And serve it while the origin fails; all three are cut at the next embargo or schedule instant.
      staleIfError: env.int('CACHE_STALE_IF_ERROR', 3600),
      // Memory for the origin's own copy of public answers (0 turns it off); the entry cap keeps many
      // small answers from outgrowing the budget's overhead estimate.
      maxMb: env.int('CACHE_RESPONSES_MAX_MB', 64),
      maxEntries: env.int('CACHE_RESPONSES_MAX_ENTRIES', 10000),
      // Our routes' own query parameters: `fallback` on reads, `since` and `format` on the digest,
      // `q`, `type` and `kind` on the search.
      queryParams: ['fallback', 'since', 'format', 'q', 'type', 'kind'],
      // Sign-ups and logins of site users change no public answer, nor do translation records (readable only
      // with a token holding their permission, and token answers are never stored). The records are also written
      // in the background after a boot: moving the version then would empty the cache at a random moment.
      ignoreWritesTo: ['plugin::users-permissions.user', 'plugin::translation-status.translation-record'],
      // No answer is kept past the next embargo end or schedule.
      boundedBy: ['plugin::visibility.schedule'],
      // Stored answers served before Koa: what each middleware placed before serve-cached in
      // config/middlewares.ts does to an anonymous read (README, "The front door"). A middleware
      // added there and missing here closes the door, with a warning.
      frontDoor: {
        enabled: env.bool('CACHE_FRONT_DOOR', true),
        constantMiddlewares: ['strapi::logger', 'strapi::errors', 'plugin::public-api.query-errors', 'strapi::security', 'strapi::cors'],
        checks: [{ middleware: 'plugin::public-api.rate-limit', service: 'plugin::public-api.rate-limit-admission' }],
      },
    },
  },
  // Feeds, digest sections, JSON-LD and page addresses of Passerelle's types (src/distribution).
  // Above SITEMAP_MAX_URLS addresses, /sitemap.xml is an index of parts (the protocol allows 50,000 in
  // one file; 10,000 keeps each answer near 100 ms and a few MB, as WordPress and Yoast keep theirs small).
  distribution: {
    ...localPlugin('distribution'),
    config: passerelleDistribution(site({ env }), { maxUrlsPerFile: env.int('SITEMAP_MAX_URLS', 10_000) }),
  },
  // Articles offer a press kit: release text, then the cover and press images with their credits.
  'press-media': {
    ...localPlugin('press-media'),
    config: {
      pressKit: {
        type: 'api::article.article',
        fields: {
          slug: 'slug',
          title: 'title',
          standfirst: 'standfirst',
          body: 'body',
          byline: 'byline',
          embargo: 'embargoUntil',
          images: ['cover', 'pressImages'],
        },
      },
    },
  },
  // The content manager's lists and forms of our types, with French labels (src/admin-views).
  'staff-admin': { ...localPlugin('staff-admin'), config: { views: ADMIN_VIEWS } },
  // Full-text search in the database (src/plugins/search/README.md); last, so its document middleware
  // sees each write as the rules above let it through.
  search: {
    ...localPlugin('search'),
    config: {
      types: [
        { uid: 'api::article.article', title: 'title', slug: 'slug', kind: 'kind', text: ['standfirst', 'body', 'byline'] },
        {
          uid: 'api::press-coverage.press-coverage',
          title: 'headline',
          slug: 'slug',
          kind: 'medium',
          text: ['summary', 'quotes', 'outlet', 'journalist', 'photoCaption'],
        },
        {
          uid: 'api::edition.edition',
          title: 'title',
          slug: 'slug',
          kind: 'format',
          text: ['summary', 'territory', 'launchEvent', 'workshops', 'outcomes'],
        },
        { uid: 'api::programme.programme', title: 'name', slug: 'slug', text: ['description', 'aims', 'audience'] },
        { uid: 'api::partner.partner', title: 'name', slug: 'slug', kind: 'kind', text: ['description'] },
        { uid: 'api::manifesto.manifesto', title: 'title', text: ['preamble', 'principles'] },
      ],
      maxQueryLength: env.int('SEARCH_MAX_QUERY_LENGTH', 200),
    },
  },
  // Public REST reads (detail and slug, per locale) answered from stored rows kept in step with every
  // write (src/plugins/read-model/README.md); anything else takes the Document Service path.
  'read-model': {
    ...localPlugin('read-model'),
    config: {
      // On by default: a write around the Document Service (`strapi import`, a script, raw SQL while
      // stopped) is noticed and the model rebuilt in the background, the slow path serving meanwhile.
      enabled: env.bool('READ_MODEL_ENABLED', true),
      serve: env.bool('READ_MODEL_SERVE', true),
      contentTypes: [
        'api::article.article',
        'api::edition.edition',
        'api::partner.partner',
        'api::person.person',
        'api::press-coverage.press-coverage',
        'api::programme.programme',
      ],
      // An edition's `status` (upcoming, running, finished) follows the calendar day, and changes only at
      // the midnight starting its startDate and the one after its endDate (editorial-rules' dateStatus).
      calendarTypes: ['api::edition.edition'],
      calendarRanges: { 'api::edition.edition': EDITION_DATES },
      // Feeds, the digest and the sitemap read the model first and need nothing from the router but the
      // Public's grant: an anonymous GET runs them before it (about a third of a feed's time, the README's bench).
      earlyHandlers: ['plugin::distribution.feed.find', 'plugin::distribution.newsletter.digest', 'plugin::distribution.sitemap.find'],
    },
  },
  // Which translations are missing or behind the source locale (src/plugins/translation-status/README.md).
  'translation-status': {
    ...localPlugin('translation-status'),
    config: {
      contentTypes: 'localized',
      ignoredFields: {},
      sourceLocale: env('TRANSLATION_SOURCE_LOCALE', ''),
      metaByDefault: env.bool('TRANSLATION_META_BY_DEFAULT', false),
    },
  },
  // `npm run import -- archive.json`: an old site's documents in one transaction, every write rule kept (src/plugins/bulk-import/README.md).
  'bulk-import': localPlugin('bulk-import'),
});

export default config;
