import type { Core } from '@strapi/strapi';
import { testClockFile } from '../src/lib/clock/testClockFile';

/**
 * Passerelle's own settings that are not about one feature's config file: demo mode, extra locales,
 * and the test hooks. Code under src/ reads them with `strapi.config.get('passerelle.…')`, never from
 * process.env (ESLint keeps it so).
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  demo: {
    enabled: env.bool('PASSERELLE_DEMO', false),
    adminEmail: env('DEMO_ADMIN_EMAIL', '') || 'demo@passerelle.local',
    /** Empty: a password is generated and printed once. */
    adminPassword: env('DEMO_ADMIN_PASSWORD', ''),
  },
  /** Lists the site's reader accounts (users-permissions « User ») among the admin's content types. */
  showSiteUsersInAdmin: env.bool('ADMIN_SHOW_SITE_USERS', false),
  /** Comma-separated codes beside the built-in locales, checked at boot against Strapi's ISO list. */
  extraLocales: env('PASSERELLE_EXTRA_LOCALES', ''),
  /** Where the association works: calendar days (an edition's status), digest weeks, dates in press kits. */
  timezone: env('PASSERELLE_TIMEZONE', 'Europe/Paris'),
  testing: {
    /** A file holding the server's "now", so the browser test can move time; never in production. */
    clockFile: testClockFile({ NODE_ENV: env('NODE_ENV'), PASSERELLE_TEST_CLOCK_FILE: env('PASSERELLE_TEST_CLOCK_FILE', '') }) ?? '',
    /** Slows the move of the shared content version, to widen the race the tests check; never in production. */
    versionBumpDelayMs: env('NODE_ENV') === 'production' ? 0 : Number(env('PASSERELLE_TEST_VERSION_BUMP_DELAY_MS', '') || 0),
    /** Stops the visibility announcer between its claim and the delivery, so a test can kill the instance there. */
    pauseAfterClaimMs: env('NODE_ENV') === 'production' ? 0 : Number(env('PASSERELLE_TEST_PAUSE_AFTER_CLAIM_MS', '') || 0),
    /** Holds back translation-status's background recording of existing documents, so a test can write meanwhile. */
    translationBackfillDelayMs:
      env('NODE_ENV') === 'production' ? 0 : Number(env('PASSERELLE_TEST_TRANSLATION_BACKFILL_DELAY_MS', '') || 0),
  },
});

export default config;
