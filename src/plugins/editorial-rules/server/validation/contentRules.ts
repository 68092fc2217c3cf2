import type { Violation } from '../../../../lib/validation/violation';
import type { RuleSettings } from '../settings';

/**
 * Business rules that Strapi's schema cannot express, as pure functions over a stored entry, built
 * from the plugin's configuration (`rules`). Each returns the violations it finds; an empty list
 * means the entry is valid.
 */
export type { Violation };
export type Entry = Record<string, unknown>;
export type Rule = (entry: Entry) => Violation[];

const toTime = (value: unknown): number | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const time = new Date(value as string).getTime();
  return Number.isNaN(time) ? undefined : time;
};

const isFilled = (value: unknown): boolean => value !== null && value !== undefined && value !== '';

/** The configured message, each `{field}` replaced by the entry's value, after the field's name. */
const say = (field: string, message: string, entry: Entry): Violation => ({
  path: [field],
  message: `${field}: ${message.replace(/\{(\w+)\}/g, (_, name: string) => String(entry[name]))}`,
});

/** `field` may only be filled while `when.field` holds `when.equals`. */
export const onlyWhen =
  (field: string, when: { field: string; equals: unknown }, message: string): Rule =>
  (entry) =>
    isFilled(entry[field]) && entry[when.field] !== when.equals ? [say(field, message, entry)] : [];

/** The date in `field` may not precede the one in `start`; either missing is no violation. */
export const notBefore =
  (field: string, start: string, message: string): Rule =>
  (entry) => {
    const startTime = toTime(entry[start]);
    const time = toTime(entry[field]);
    return startTime !== undefined && time !== undefined && time < startTime ? [say(field, message, entry)] : [];
  };

/** While the boolean `when` is true, one of `fields` is filled; the first is named. */
export const oneRequiredWhen =
  (when: string, fields: string[], message: string): Rule =>
  (entry) =>
    entry[when] === true && !fields.some((field) => isFilled(entry[field])) ? [say(fields[0], message, entry)] : [];

const buildRule = (settings: RuleSettings): Rule => {
  switch (settings.rule) {
    case 'onlyWhen':
      return onlyWhen(settings.field, settings.when, settings.message);
    case 'notBefore':
      return notBefore(settings.field, settings.notBefore, settings.message);
    case 'oneRequiredWhen':
      return oneRequiredWhen(settings.when, settings.fields, settings.message);
  }
};

export type RulesByType = ReadonlyMap<string, Rule[]>;

export const buildRules = (rules: Record<string, RuleSettings[]>): RulesByType =>
  new Map(Object.entries(rules).map(([uid, list]) => [uid, list.map(buildRule)]));

export const findViolations = (rules: RulesByType, uid: string, entry: Entry): Violation[] =>
  (rules.get(uid) ?? []).flatMap((rule) => rule(entry));
