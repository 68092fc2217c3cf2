import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * A JSON answer given as its bytes (a read model's stored JSON, spliced), with the `documentId`s it
 * shows in the order a walk of its parsed form meets them: what the HTTP cache would otherwise parse
 * it for (its surrogate keys). Set by `answerSerialized`, read by `serializedAnswerOf`.
 */
export type SerializedAnswer = { documentIds: readonly string[]; body: Buffer };
type SerializedAnswerState = { serializedAnswer?: SerializedAnswer };

/**
 * The answer goes on as bytes (a text is encoded to UTF-8 once, here): Koa counts them for
 * Content-Length, the HTTP cache hashes and keeps them, and the socket writes them. As a string, a
 * list page of 180 KB (two bytes a character in V8 once it holds a typographic apostrophe) was
 * encoded at each of those four steps.
 */
export const answerSerialized = (ctx: Context, json: string | Buffer, documentIds: readonly string[]): void => {
  // The type first: Koa gives a Buffer body application/octet-stream unless a Content-Type is already there.
  ctx.type = 'application/json';
  const body = typeof json === 'string' ? Buffer.from(json) : json;
  ctx.body = body;
  (ctx.state as SerializedAnswerState).serializedAnswer = { documentIds, body };
};

/** The serialized answer, when the body is still the one `answerSerialized` gave. */
export const serializedAnswerOf = (ctx: Context): SerializedAnswer | undefined => {
  const answer = (ctx.state as SerializedAnswerState).serializedAnswer;
  return answer && ctx.body === answer.body ? answer : undefined;
};
