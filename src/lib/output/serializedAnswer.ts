import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * A JSON answer given as its bytes (a read model's stored JSON, spliced), with the `documentId`s it
 * shows in the order a walk of its parsed form meets them: what the HTTP cache would otherwise parse
 * it for (its surrogate keys). Set by `answerSerialized`, read by `serializedAnswerOf`.
 */
type SerializedAnswerState = { serializedAnswer?: { documentIds: readonly string[] } };

export const answerSerialized = (ctx: Context, json: string, documentIds: readonly string[]): void => {
  // The type first: Koa gives a string body text/plain unless a Content-Type is already there.
  ctx.type = 'application/json';
  ctx.body = json;
  (ctx.state as SerializedAnswerState).serializedAnswer = { documentIds };
};

/** The document ids of a serialized answer, when the body is one (and was not replaced since). */
export const serializedAnswerOf = (ctx: Context): { documentIds: readonly string[] } | undefined =>
  typeof ctx.body === 'string' ? (ctx.state as SerializedAnswerState).serializedAnswer : undefined;
