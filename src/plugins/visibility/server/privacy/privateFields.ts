/**
 * A person's email and phone are public only while the person is marked as a press contact. They
 * are removed from the output otherwise (hidePressContactDetails), and no public reader may filter,
 * sort or search on them at all: a filter answers whether a hidden value matches, letter by letter.
 */
const PRIVATE_FIELDS: Record<string, ReadonlySet<string>> = {
  'api::person.person': new Set(['email', 'phone']),
};

export const isPrivateField = (uid: string, field: string): boolean => PRIVATE_FIELDS[uid]?.has(field) ?? false;

export const hasPrivateFields = (uid: string): boolean => uid in PRIVATE_FIELDS;
