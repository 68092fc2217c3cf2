import { yup } from '@strapi/utils';
import { contentTypeUidPatternList as uidList } from '../../../lib/validation/contentTypeUids';
import { timeFieldNames, type TimeFields } from '../../../lib/visibility/readerAccess';

/**
 * What the visibility plugin applies to, from its configuration (config/plugins.ts →
 * `visibility.config`). Content types are named by UID; `namespace::*` names a whole namespace.
 */
export type VisibilitySettings = {
  /** Content API reads of these types get published documents only; a full-access token may ask for drafts. */
  contentTypes: string[];
  /** A published document whose date in this field is still ahead is hidden from everyone (on each type above that has the field). */
  schedule: { field: string };
  embargo: {
    /** The same for these types, except for API tokens holding `readerAction` (journalists). */
    field: string;
    contentTypes: string[];
    readerAction: string;
  };
  /** Per type: fields public only while the boolean `publicWhen` is true; the public may never filter, sort or search on them. */
  privateFields: Record<string, { fields: string[]; publicWhen: string }>;
};

export const DEFAULT_SETTINGS: VisibilitySettings = {
  contentTypes: [],
  schedule: { field: 'visibleFrom' },
  embargo: { field: 'embargoUntil', contentTypes: [], readerAction: '' },
  privateFields: {},
};

const schema = yup
  .object({
    contentTypes: uidList,
    schedule: yup.object({ field: yup.string().required() }).required(),
    embargo: yup
      .object({
        field: yup.string().required(),
        contentTypes: uidList,
        readerAction: yup
          .string()
          .defined()
          .when('contentTypes', {
            is: (types: string[] | undefined) => (types?.length ?? 0) > 0,
            then: (s) => s.required("${path}: the permission of journalists' tokens is required with an embargo"),
          }),
      })
      .required(),
    privateFields: yup.lazy((value: unknown) =>
      yup
        .object(
          Object.fromEntries(
            Object.keys(value ?? {}).map((uid) => [
              uid,
              yup
                .object({ fields: yup.array().of(yup.string().required()).min(1).required(), publicWhen: yup.string().required() })
                .required(),
            ])
          )
        )
        .required()
    ),
  })
  .noUnknown(true, '${path}: unknown option(s) ${unknown}');

/** Strapi calls this with the merged configuration (`config.validator`); an error stops the boot, naming the option. */
export const validateSettings = (config: unknown): void => {
  schema.validateSync(config, { strict: true, abortEarly: true });
};

type PrivateRule = { fields: ReadonlySet<string>; publicWhen: string };

let current: VisibilitySettings = DEFAULT_SETTINGS;
let privateRules = new Map<string, PrivateRule>();

/** Set once, in the plugin's register, from its validated configuration. */
export const useVisibilitySettings = (settings: VisibilitySettings): void => {
  current = settings;
  privateRules = new Map(
    Object.entries(settings.privateFields).map(([uid, rule]) => [uid, { fields: new Set(rule.fields), publicWhen: rule.publicWhen }])
  );
};

export const visibilitySettings = (): VisibilitySettings => current;

const matches = (patterns: string[], uid: string): boolean =>
  patterns.some((pattern) => (pattern.endsWith('::*') ? uid.startsWith(pattern.slice(0, -1)) : pattern === uid));

/** True for the types whose Content API reads this plugin restricts. */
export const isGuarded = (uid: string): boolean => matches(current.contentTypes, uid);

export type { TimeFields };

export const timeFieldsOf = (uid: string, attributes: Record<string, unknown>): TimeFields => {
  if (!isGuarded(uid)) return {};
  const { schedule, embargo } = current;
  return {
    ...(schedule.field in attributes ? { schedule: schedule.field } : {}),
    ...(matches(embargo.contentTypes, uid) && embargo.field in attributes ? { embargo: embargo.field } : {}),
  };
};

export { timeFieldNames };

/** Every time field name configured, embargo first: for entries whose type is not at hand. */
export const allTimeFieldNames = (): string[] => [current.embargo.field, current.schedule.field];

/** The configured fields of `uid` that the public never sees unless `publicWhen` holds. */
export const privateFieldsOf = (uid: string): PrivateRule | undefined => privateRules.get(uid);

/**
 * Checks the configuration against the content types this app really has, at register: a type or
 * field that does not exist is a boot error naming it, not a rule that silently never applies.
 */
export const checkAgainstModels = (
  settings: VisibilitySettings,
  attributesOf: (uid: string) => Record<string, unknown> | undefined
): void => {
  for (const uid of settings.embargo.contentTypes) {
    const attributes = attributesOf(uid);
    if (!attributes) throw new Error(`visibility.embargo.contentTypes: no content type ${uid}`);
    if (!(settings.embargo.field in attributes))
      throw new Error(`visibility.embargo.field: ${uid} has no attribute "${settings.embargo.field}"`);
    if (!matches(settings.contentTypes, uid)) throw new Error(`visibility.embargo.contentTypes: ${uid} is not in visibility.contentTypes`);
  }
  for (const [uid, { fields, publicWhen }] of Object.entries(settings.privateFields)) {
    const attributes = attributesOf(uid);
    if (!attributes) throw new Error(`visibility.privateFields: no content type ${uid}`);
    for (const field of [...fields, publicWhen]) {
      if (!(field in attributes)) throw new Error(`visibility.privateFields.${uid}: no attribute "${field}"`);
    }
  }
};
