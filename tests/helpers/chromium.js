'use strict';
const { chromium } = require('playwright-core');

/** Debian's Chromium (no browser download), unless CHROMIUM_PATH names another. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Headless Chromium on a profile of its own, without the background traffic that would skew a
 * measurement or flake a test; shared by the browser tests and the admin benchmark.
 */
const launchChromium = (profile, options = {}) =>
  chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 1000 },
    ...options,
  });

module.exports = { CHROMIUM_PATH, launchChromium };
