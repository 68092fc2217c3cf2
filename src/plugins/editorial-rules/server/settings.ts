import { z } from 'zod';
import { CONTENT_TYPE_UID, CONTENT_TYPE_UID_OR_NAMESPACE } from '../../../lib/validation/contentTypeUids';

/**
 * What the editorial rules apply to, from their configuration (config/plugins.ts →
 * `editorial-rules.config`). Content types are named by UID; `namespace::*` names a whole namespace.
 * The plugin names no type of its own.
 */
const fieldName = z.string().min(1);
const uid = z.string().regex(CONTENT_TYPE_UID, 'a content type uid such as api::post.post');
const uidPattern = z.string().regex(CONTENT_TYPE_UID_OR_NAMESPACE, 'a content type uid or namespace::*');
/** A message for staff, in the languages they read; `{field}` is replaced by the entry's value. */
const message = z.string().min(1);

const ruleSchema = z.discriminatedUnion('rule', [
  /** `field` may only be filled when `when.field` equals `when.equals` (an embargo on press releases only). */
  z.strictObject({
    rule: z.literal('onlyWhen'),
    field: fieldName,
    when: z.strictObject({ field: fieldName, equals: z.union([z.string(), z.number(), z.boolean()]) }),
    message,
  }),
  /** The date in `field` may not precede the one in `notBefore` (an edition's end and start). */
  z.strictObject({ rule: z.literal('notBefore'), field: fieldName, notBefore: fieldName, message }),
  /** While the boolean `when` is true, at least one of `fields` is filled; the first is named (a press contact's email or phone). */
  z.strictObject({ rule: z.literal('oneRequiredWhen'), when: fieldName, fields: z.array(fieldName).min(1), message }),
]);

export const editorialRulesSchema = z.strictObject({
  /** Malformed dates, media kinds (`allowedTypes`) and the rules below are checked on writes to these types. */
  contentTypes: z.array(uidPattern),
  slugs: z.strictObject({
    /** Per type: the uid field filled when staff leave it empty, and the field it is made from. */
    types: z.record(uid, z.strictObject({ field: fieldName, from: fieldName })),
    /** slugify's transliteration language (`fr`: « & » → `et`). */
    language: z.string().min(2),
  }),
  /** Per type, business rules Strapi's schema cannot express, judged on the stored entry after each write. */
  rules: z.record(uid, z.array(ruleSchema).min(1)),
  /** Images in this component (a media field `image` beside an `alternativeText`) need alternative text before publishing. */
  altText: z.strictObject({ component: z.string(), contentTypes: z.array(uidPattern) }),
  /** On these localized types, the owning relations set in one locale are copied to the document's other locales. */
  sharedRelations: z.strictObject({ contentTypes: z.array(uidPattern) }),
  /** Per type: a field added to served documents, derived from two dates (upcoming, running, finished). */
  dateStatus: z.record(uid, z.strictObject({ field: fieldName, start: fieldName, end: fieldName })),
});

export type EditorialRulesSettings = z.infer<typeof editorialRulesSchema>;
export type RuleSettings = z.infer<typeof ruleSchema>;

export const DEFAULT_SETTINGS: EditorialRulesSettings = {
  contentTypes: [],
  slugs: { types: {}, language: 'en' },
  rules: {},
  altText: { component: '', contentTypes: [] },
  sharedRelations: { contentTypes: [] },
  dateStatus: {},
};

/** Strapi calls this with the merged configuration (`config.validator`); an error stops the boot, naming the option. */
export const validateSettings = (config: unknown): void => {
  const parsed = editorialRulesSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`editorial-rules.${issue.path.join('.')}: ${issue.message}`);
  }
};

export const matchesType = (patterns: readonly string[], uidToTest: string): boolean =>
  patterns.some((pattern) => (pattern.endsWith('::*') ? uidToTest.startsWith(pattern.slice(0, -1)) : pattern === uidToTest));

type Attribute = { type?: string; component?: string };
type ModelLookup = (uid: string) => { attributes: Record<string, Attribute>; localized: boolean } | undefined;

/**
 * Checks the configuration against the content types this app really has, at register: a type or
 * field that does not exist is a boot error naming its key, not a rule that silently never applies.
 */
export const configuredTypeProblems = (
  settings: EditorialRulesSettings,
  modelOf: ModelLookup,
  componentExists: (uid: string) => boolean
) => {
  const problems: string[] = [];
  const fieldsOf = (key: string, type: string): Record<string, Attribute> | undefined => {
    const model = modelOf(type);
    if (!model) problems.push(`${key}: no content type ${type}`);
    return model?.attributes;
  };
  const requireField = (key: string, type: string, attributes: Record<string, Attribute>, field: string, expected?: string) => {
    const attribute = attributes[field];
    if (!attribute) problems.push(`${key}: ${type} has no field "${field}"`);
    else if (expected && attribute.type !== expected) problems.push(`${key}: ${type}.${field} is a ${attribute.type}, not a ${expected}`);
  };
  for (const [type, { field, from }] of Object.entries(settings.slugs.types)) {
    const attributes = fieldsOf(`slugs.types.${type}`, type);
    if (!attributes) continue;
    requireField(`slugs.types.${type}.field`, type, attributes, field, 'uid');
    requireField(`slugs.types.${type}.from`, type, attributes, from);
  }
  for (const [type, rules] of Object.entries(settings.rules)) {
    const attributes = fieldsOf(`rules.${type}`, type);
    if (!attributes) continue;
    rules.forEach((rule, index) => {
      const fields =
        rule.rule === 'onlyWhen'
          ? [rule.field, rule.when.field]
          : rule.rule === 'notBefore'
            ? [rule.field, rule.notBefore]
            : [rule.when, ...rule.fields];
      for (const field of fields) requireField(`rules.${type}.${index}`, type, attributes, field);
    });
  }
  for (const [type, { field, start, end }] of Object.entries(settings.dateStatus)) {
    const attributes = fieldsOf(`dateStatus.${type}`, type);
    if (!attributes) continue;
    requireField(`dateStatus.${type}.start`, type, attributes, start);
    requireField(`dateStatus.${type}.end`, type, attributes, end);
    if (field in attributes) problems.push(`dateStatus.${type}.field: ${type} already has a field "${field}"`);
  }
  if (settings.altText.contentTypes.length > 0 && !componentExists(settings.altText.component))
    problems.push(`altText.component: no component "${settings.altText.component}"`);
  for (const pattern of settings.sharedRelations.contentTypes) {
    if (!pattern.endsWith('::*') && !modelOf(pattern)?.localized)
      problems.push(`sharedRelations.contentTypes: ${pattern} is not a localized content type`);
  }
  return problems;
};
