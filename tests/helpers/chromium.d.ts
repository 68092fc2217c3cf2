import type { BrowserContext } from 'playwright-core';

export declare const CHROMIUM_PATH: string;
export declare const launchChromium: (
  profile: string,
  options?: Parameters<typeof import('playwright-core').chromium.launchPersistentContext>[1]
) => Promise<BrowserContext>;
