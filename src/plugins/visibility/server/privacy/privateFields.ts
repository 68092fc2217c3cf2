import { privateFieldsOf } from '../settings';

/**
 * Fields public only while their document says so (config `privateFields`, e.g. a person's email
 * and phone while the person is a press contact). They are removed from the output otherwise
 * (hidePrivateFields), and no public reader may filter, sort or search on them at all: a filter
 * answers whether a hidden value matches, letter by letter.
 */
export const isPrivateField = (uid: string, field: string): boolean => privateFieldsOf(uid)?.fields.has(field) ?? false;

export const hasPrivateFields = (uid: string): boolean => privateFieldsOf(uid) !== undefined;
