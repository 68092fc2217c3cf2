import type { Core } from '@strapi/strapi';
import { traverseEntity } from '@strapi/utils';

type Visitor = Parameters<typeof traverseEntity>[0];
type Model = Parameters<typeof traverseEntity>[1]['schema'];

/**
 * Registers a visitor on every Content API response (REST, GraphQL, and the relations they
 * populate), which all pass through Strapi's output sanitizers.
 */
export const addOutputVisitor = (strapi: Core.Strapi, visitor: Visitor): void => {
  const getModel = (uid: string) => strapi.getModel(uid as never) as unknown as Model;
  const sanitizer = (schema: Model) => (data: unknown) => traverseEntity(visitor, { schema, getModel }, data as never);
  strapi.sanitizers.add('content-api.output', sanitizer as never);
};
