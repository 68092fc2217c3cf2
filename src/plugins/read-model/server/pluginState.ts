import type { Core } from '@strapi/strapi';
import type { BackgroundWork } from './backgroundWork';
import type { Target } from './computeRow';
import type { StoredRoutes } from './storedRoutes';

/** What the serving side needs once the plugin has booted: the fingerprint it serves for, and where to queue refreshes. */
export type Runtime = { fingerprint: string; refreshLater: (targets: Target[]) => void };

/**
 * The plugin's state for ONE Strapi instance (two apps in one process, as in tests, each have their
 * own): held by the plugin's `state` service, which Strapi instantiates once per app.
 */
/**
 * What a list's visible rows are, as of one epoch and generation, for the instants from `from` to
 * before `until`: their count, and (read for the first deep page) the `entry_id` at every
 * `spacing`-th position of the list order.
 */
export type RememberedList = {
  epoch: number;
  generation: number;
  from: number;
  until: number;
  total: number;
  checkpoints?: { spacing: number; entryIds: number[] };
};

/**
 * What the sitemap read of one type's addressed rows, as of one epoch and generation, for the instants
 * from `from` to before `until` (serveSitemap.ts `rememberedSitemap`): their count, the latest
 * `lastmod` by locale, and where each part starts (null: no row at that position).
 */
export type RememberedSitemap = {
  epoch: number;
  generation: number;
  from: number;
  until: number;
  count?: number;
  newest?: Array<[locale: string, lastmod: number]>;
  starts: Map<number, { documentId: string; before: number } | null>;
};

export type PluginState = {
  /** Our tables exist: writes can be recorded. Writes before that (other plugins' bootstraps) mark the model out of date. */
  ready: boolean;
  missedWrites: boolean;
  /** The models whose rows a stored answer can show (served types and what their default population reaches). */
  watchedModels: ReadonlySet<string> | undefined;
  runtime: Runtime | undefined;
  background: BackgroundWork | undefined;
  /** The Public role's actions, as read at one epoch of the model (publicPermissions.ts). */
  publicActions?: { epoch: number; actions: ReadonlySet<string> };
  /** Lists' counts and positions, remembered per generation of the model and clock window (serveList.ts `rememberedList`). */
  lists: Map<string, RememberedList>;
  /** The sitemap's counts, dates and part starts, remembered the same way, per type and addressing. */
  sitemaps: Map<string, RememberedSitemap>;
  /** The Content API routes, to answer a served read before Strapi's router (storedRoutes.ts); set at bootstrap. */
  storedRoutes?: StoredRoutes;
};

export const createPluginState = (): PluginState => ({
  lists: new Map(),
  sitemaps: new Map(),
  ready: false,
  missedWrites: false,
  watchedModels: undefined,
  runtime: undefined,
  background: undefined,
});

const EMPTY: PluginState = Object.freeze(createPluginState());

/** This app's state of the plugin; a frozen empty state when the plugin is not loaded (nothing is served then). */
export const stateOf = (strapi: Core.Strapi): PluginState => {
  const plugin = strapi.plugin('read-model') as { service: (name: string) => unknown } | undefined;
  return (plugin?.service('state') as PluginState | undefined) ?? EMPTY;
};
