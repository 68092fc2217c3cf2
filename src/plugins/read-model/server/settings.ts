import { yup } from '@strapi/utils';
import { contentTypeUidList as uidList } from '../../../lib/validation/contentTypeUids';

/** The read model's configuration (config/plugins.ts → `read-model.config`). */
export type ReadModelSettings = {
  /** Keep the model in step with every write; off, the tables stay as they are and nothing is served from them. */
  enabled: boolean;
  /** Answer eligible public reads from the model; false serves everything from the Document Service (tests compare both). */
  serve: boolean;
  /** The collection types whose REST list, detail and slug reads the model answers (UIDs). */
  contentTypes: string[];
  /** Types whose public output changes with the calendar day (an edition's status): rows showing one expire at the next local midnight. */
  calendarTypes: string[];
  /**
   * For a calendar type whose output follows the day only through a range of dates (an edition's
   * `status`: upcoming until `from`, running until `to`, finished after), the range's fields: rows
   * showing one last until the next midnight where that status changes, not every midnight.
   */
  calendarRanges: Record<string, { from: string; to: string }>;
  /**
   * A deep list page starts from the nearest remembered position, one every this many visible rows
   * (serveList.ts `rememberedList`), instead of skipping every row before it.
   */
  listCheckpointSpacing: number;
  /**
   * Content API handlers, named as the Public role's permissions name them
   * (`plugin::distribution.feed.find`), whose controllers read the model first and need nothing from
   * Strapi's router but the Public role's grant: an anonymous GET to one of their routes (with no
   * policy or route middleware) runs the controller before the router, once the model is built
   * (middlewares/serve-stored.ts). The router's route matching and permission engine cost about as
   * much as a feed's own reads.
   */
  earlyHandlers: string[];
};

export const DEFAULT_SETTINGS: ReadModelSettings = {
  enabled: true,
  serve: true,
  contentTypes: [],
  calendarTypes: [],
  calendarRanges: {},
  listCheckpointSpacing: 1000,
  earlyHandlers: [],
};

const schema = yup
  .object({
    enabled: yup.boolean().required(),
    serve: yup.boolean().required(),
    contentTypes: uidList,
    calendarTypes: uidList,
    calendarRanges: yup
      .object()
      .required()
      .test('ranges', '${path}: each entry is { from, to }, two field names', (value: unknown) =>
        Object.values((value ?? {}) as Record<string, unknown>).every((range) => {
          const { from, to } = (range ?? {}) as { from?: unknown; to?: unknown };
          return typeof from === 'string' && typeof to === 'string';
        })
      ),
    listCheckpointSpacing: yup.number().integer().min(1).required(),
    earlyHandlers: yup
      .array()
      .of(
        yup
          .string()
          .required()
          .matches(
            /^(api|plugin)::[\w-]+\.[\w-]+\.[\w-]+$/,
            '${path}: a handler as its permission names it, e.g. plugin::distribution.feed.find'
          )
      )
      .required(),
  })
  .noUnknown(true, '${path}: unknown option(s) ${unknown}');

/** Strapi calls this with the merged configuration; an error stops the boot, naming the option. */
export const validateSettings = (config: unknown): void => {
  schema.validateSync(config, { strict: true, abortEarly: true });
};

export const SETTINGS_KEY = 'plugin::read-model';

type ConfigReader = { config: { get<T>(key: string, fallback?: T): T } };

export const readModelSettings = (strapi: ConfigReader): ReadModelSettings =>
  strapi.config.get<ReadModelSettings>(SETTINGS_KEY, DEFAULT_SETTINGS) ?? DEFAULT_SETTINGS;
