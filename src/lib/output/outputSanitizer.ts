import type { Core } from '@strapi/strapi';
import { traverseEntity } from '@strapi/utils';

type Visitor = Parameters<typeof traverseEntity>[0];
type Model = Parameters<typeof traverseEntity>[1]['schema'];

/**
 * Registers a visitor on every Content API response (REST, GraphQL, and the relations they
 * populate), which all pass through Strapi's `content-api.output` sanitizers (`strapi.sanitizers`,
 * checked against Strapi 5.54.0; tests/api/press-contact-privacy.test.ts fails if it stops applying).
 * The visibility plugin (private fields, embargo state) and the editorial rules (date status) use it.
 */
export const addOutputVisitor = (strapi: Core.Strapi, visitor: Visitor): void => {
  const getModel = (uid: string) => strapi.getModel(uid as never) as unknown as Model;
  const sanitizer = (schema: Model) => (data: unknown) => traverseEntity(visitor, { schema, getModel }, data as never);
  strapi.sanitizers.add('content-api.output', sanitizer as never);
};
