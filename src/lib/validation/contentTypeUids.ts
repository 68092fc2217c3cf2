import { yup } from '@strapi/utils';

/** A content type UID, such as `api::post.post`. */
export const CONTENT_TYPE_UID = /^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/;

/** A content type UID, or `namespace::*` for every type of a namespace. */
export const CONTENT_TYPE_UID_OR_NAMESPACE = /^[a-z0-9-]+::([a-z0-9-]+\.[a-z0-9-]+|\*)$/;

const uidList = (pattern: RegExp, expected: string) =>
  yup
    .array()
    .of(yup.string().required().matches(pattern, `\${path}: "\${value}" is not ${expected}`))
    .required();

/** A plugin setting listing content types by UID (yup, for a plugin's `config.validator`). */
export const contentTypeUidList = uidList(CONTENT_TYPE_UID, 'a content type UID');

/** The same, where `namespace::*` names a whole namespace. */
export const contentTypeUidPatternList = uidList(CONTENT_TYPE_UID_OR_NAMESPACE, 'a content type UID or namespace::*');
