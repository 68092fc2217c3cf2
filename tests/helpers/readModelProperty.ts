import type { Core } from '@strapi/strapi';
import fc from 'fast-check';
import { createFullAccessToken } from './api';
import { makeJpeg, uploadImage } from './images';
import type { TestServer } from './strapi';
import { pauseReadModelRefreshes, settleReadModel } from './readModel';

/**
 * What the read model's differential tests share (read-model-equivalence, read-model-lists-equivalence,
 * graphql-read-model):
 * the instants around which documents are hidden, the writes they apply to an article, and the setup
 * both start from.
 */
type Json = Record<string, unknown>;

export const ARTICLE = 'api::article.article';
export const PARTNER = 'api::partner.partner';
export const T0 = Date.parse('2031-06-01T10:00:00.000Z');
const HOUR = 3_600_000;
/** Embargo and schedule dates: none, before T0, after T0. */
export const DATES = [null, new Date(T0 - HOUR).toISOString(), new Date(T0 + HOUR).toISOString()];
/**
 * Clock positions: before both dates, between them, after both, and at each date exactly (a release is
 * public at the instant its embargo ends, a scheduled document at its instant).
 */
export const CLOCKS = [T0 - 2 * HOUR, T0, T0 + 2 * HOUR, T0 - HOUR, T0 + HOUR].map((time) => new Date(time).toISOString());

type Documents = {
  create(p: Json): Promise<{ documentId: string }>;
  update(p: Json): Promise<unknown>;
  publish(p: Json): Promise<unknown>;
  unpublish(p: Json): Promise<unknown>;
  discardDraft(p: Json): Promise<unknown>;
  delete(p: Json): Promise<unknown>;
};
export const documents = (strapi: Core.Strapi, uid: string) => strapi.documents(uid as never) as unknown as Documents;

/** The writes both tests make to an existing article. */
/** The steps on articles, listed once: the union type below and `isArticleStep` both come from it. */
const ARTICLE_STEP_KINDS = ['updateArticle', 'publish', 'unpublish', 'discardDraft', 'delete', 'removeEnglish', 'addEnglish'] as const;
type ArticleStepKind = (typeof ARTICLE_STEP_KINDS)[number];

export type ArticleStep =
  | { kind: 'updateArticle'; slot: number; title: string; publish: boolean }
  | { kind: Exclude<ArticleStepKind, 'updateArticle' | 'addEnglish'>; slot: number }
  | { kind: 'addEnglish'; slot: number; publish: boolean };

const articleStepKinds: ReadonlySet<string> = new Set(ARTICLE_STEP_KINDS);
export const isArticleStep = (step: { kind: string }): step is ArticleStep => articleStepKinds.has(step.kind);

export const applyArticleStep = async (strapi: Core.Strapi, documentId: string, step: ArticleStep): Promise<void> => {
  const articles = documents(strapi, ARTICLE);
  const publish = 'publish' in step && step.publish ? { status: 'published' } : {};
  switch (step.kind) {
    case 'updateArticle':
      await articles.update({ documentId, locale: 'fr', data: { title: `${step.title} ${step.slot}` }, ...publish });
      return;
    case 'publish':
    case 'unpublish':
    case 'discardDraft':
      await articles[step.kind]({ documentId, locale: '*' });
      return;
    case 'delete':
      await articles.delete({ documentId, locale: '*' });
      return;
    case 'removeEnglish':
      await articles.delete({ documentId, locale: 'en' });
      return;
    case 'addEnglish':
      await articles.update({ documentId, locale: 'en', data: { title: `English ${step.slot}`, kind: 'news' }, ...publish });
      return;
  }
};

/** A write a rule refuses (a 4xx in the API) is part of the game; anything else fails the property. */
export const tolerated = (error: unknown) => ['ValidationError', 'ApplicationError', 'NotFoundError'].includes((error as Error).name);

export const waitUntilBuilt = async (strapi: Core.Strapi) => {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const state = (await strapi.db.connection('passerelle_read_model_state').first()) as { built_for: string | null } | undefined;
    if (state?.built_for) return settleReadModel(strapi);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the read model was never built');
};

/** A cover image and two published partners, which articles embed. */
export const createCoverAndPartners = async (server: TestServer): Promise<{ coverImageId: number; partners: string[] }> => {
  const token = await createFullAccessToken(server);
  const upload = await uploadImage(server, token, { buffer: await makeJpeg(64, 48), name: 'cover.jpg' }, { alternativeText: 'Une salle' });
  const partners: string[] = [];
  for (const name of ['Fondation Lumière', 'Réseau Tremplin']) {
    const created = await documents(server.strapi, PARTNER).create({
      locale: 'fr',
      data: { name, kind: 'association' },
      status: 'published',
    });
    partners.push(created.documentId);
  }
  return { coverImageId: (upload.body as Array<{ id: number }>)[0].id, partners };
};

export type CreateArticleStep = {
  kind: 'createArticle';
  slot: number;
  embargo: string | null;
  visibleFrom: string | null;
  english: boolean;
  publish: boolean;
};

/** An article in French, with a partner and a cover, under an embargo and a schedule, perhaps in English too, perhaps published. */
export const createArticle = async (
  strapi: Core.Strapi,
  embedded: { coverImageId: number; partners: string[] },
  step: CreateArticleStep,
  label: string
): Promise<string> => {
  const articles = documents(strapi, ARTICLE);
  const created = await articles.create({
    locale: 'fr',
    data: {
      title: `Annonce ${label} ${Math.random().toString(36).slice(2, 6)}`,
      // Only a press release may be under embargo (an editorial rule).
      kind: step.embargo ? 'press-release' : 'news',
      embargoUntil: step.embargo,
      visibleFrom: step.visibleFrom,
      partners: [embedded.partners[step.slot % embedded.partners.length]],
      cover: { image: embedded.coverImageId, alternativeText: 'Une salle comble' },
    },
    ...(step.publish ? { status: 'published' } : {}),
  });
  if (step.english) {
    await articles.update({
      documentId: created.documentId,
      locale: 'en',
      data: { title: `English ${label}`, kind: step.embargo ? 'press-release' : 'news' },
      ...(step.publish ? { status: 'published' } : {}),
    });
  }
  return created.documentId;
};

/** Articles made before a property runs, so that pages are several deep from its first step. */
export const createBackgroundArticles = async (strapi: Core.Strapi, embedded: { coverImageId: number; partners: string[] }, count = 7) => {
  for (let index = 0; index < count; index += 1) {
    await createArticle(
      strapi,
      embedded,
      {
        kind: 'createArticle',
        slot: index,
        embargo: DATES[index % DATES.length],
        visibleFrom: DATES[Math.floor(index / DATES.length) % DATES.length],
        english: index % 2 === 0,
        publish: true,
      },
      `fond ${index}`
    );
  }
};

/** What a step of the differential properties does: a write to one of `SLOTS` articles, or a move of the clock. */
export type ArticleAction = CreateArticleStep | ArticleStep | { kind: 'clock'; at: string };

const SLOTS = 4;
const slot = fc.integer({ min: 0, max: SLOTS - 1 });
const date = fc.constantFrom(...DATES);

export const articleAction: fc.Arbitrary<ArticleAction> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('createArticle' as const),
      slot,
      embargo: date,
      visibleFrom: date,
      english: fc.boolean(),
      publish: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('updateArticle' as const),
      slot,
      title: fc.constantFrom('Inscriptions', 'Atelier', 'Forum emploi', 'Rencontre'),
      publish: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('publish' as const, 'unpublish' as const, 'discardDraft' as const, 'delete' as const, 'removeEnglish' as const),
      slot,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addEnglish' as const), slot, publish: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('clock' as const), at: fc.constantFrom(...CLOCKS) }) }
);

/**
 * Runs random sequences of `articleAction` (three runs of 2 to 5 steps from `seed`), calling
 * `compare` before the first step and after each one; a write a rule refuses is part of the game.
 */
export const holdsAfterEveryAction = async (
  server: () => TestServer,
  embedded: { coverImageId: number; partners: string[] },
  compare: () => Promise<void>,
  seed: number
): Promise<void> => {
  const apply = async (step: ArticleAction, slots: Array<string | undefined>) => {
    if (step.kind === 'clock') {
      server().setNow(step.at);
      return;
    }
    if (step.kind === 'createArticle') {
      slots[step.slot] = await createArticle(server().strapi, embedded, step, String(step.slot));
      return;
    }
    const documentId = slots[step.slot];
    if (documentId && isArticleStep(step)) await applyArticleStep(server().strapi, documentId, step);
  };
  // After a write, the comparison runs either once its rows are computed again, or before (the model
  // must not serve then): the background refreshes are paused, so only `settle` computes them.
  const steps = fc.array(fc.record({ action: articleAction, settled: fc.boolean() }), { minLength: 2, maxLength: 5 });
  pauseReadModelRefreshes(server().strapi, true);
  try {
    await fc.assert(
      fc.asyncProperty(steps, async (run) => {
        const slots: Array<string | undefined> = Array.from({ length: SLOTS }, () => undefined);
        server().setNow(CLOCKS[1]);
        await settleReadModel(server().strapi);
        await compare();
        for (const { action, settled } of run) {
          try {
            await apply(action, slots);
          } catch (error) {
            if (!tolerated(error)) throw error;
          }
          if (settled) await settleReadModel(server().strapi);
          await compare();
        }
      }),
      { numRuns: 3, seed, endOnFailure: true }
    );
  } finally {
    pauseReadModelRefreshes(server().strapi, false);
  }
};
