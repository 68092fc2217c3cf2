import type { Core } from '@strapi/strapi';
import { z } from 'zod';

/**
 * The press-media plugin's configuration (config/plugins.ts → `press-media.config`): which content
 * type offers a press kit, and which of its fields hold the release's text and credited images.
 * The plugin names no type itself.
 */
const fieldName = z.string().min(1);

const pressKitSchema = z.strictObject({
  /** The content type whose published documents have a press kit, found by slug. */
  type: z.string().regex(/^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/, 'a content type uid such as api::post.post'),
  fields: z.strictObject({
    slug: fieldName,
    title: fieldName,
    standfirst: fieldName.optional(),
    /** Rich text (blocks), written out as Markdown in release.md. */
    body: fieldName.optional(),
    byline: fieldName.optional(),
    /** A date-time stated in release.md as the embargo. */
    embargo: fieldName.optional(),
    /**
     * Fields whose images ship in the kit, in order: credited-image components (an `image` media field
     * with `credit`, `licence`, `caption`, `alternativeText`), repeatable or not, or plain media fields.
     */
    images: z.array(fieldName),
  }),
});

// `false` is checked apart: a zod union reports only "Invalid input" at `pressKit`, not the bad key inside.
const topLevelSchema = z.strictObject({ pressKit: z.unknown() });

export type PressKitConfig = z.infer<typeof pressKitSchema>;
export type PressMediaConfig = {
  /** `false`: no press kit. */
  pressKit: false | PressKitConfig;
};

const describe = (issues: z.core.$ZodIssue[], prefix: PropertyKey[] = []) =>
  issues.map((issue) => `${[...prefix, ...issue.path].map(String).join('.') || '(root)'}: ${issue.message}`).join('; ');

/** Fails the boot with every bad key named, e.g. `pressKit.fields.images: expected array…`. */
export const validatePressMediaConfig = (config: unknown): void => {
  const top = topLevelSchema.safeParse(config);
  if (!top.success) throw new Error(describe(top.error.issues));
  if (top.data.pressKit === false) return;
  const pressKit = pressKitSchema.safeParse(top.data.pressKit);
  if (!pressKit.success) throw new Error(describe(pressKit.error.issues, ['pressKit']));
};

export const defaultPressMediaConfig: PressMediaConfig = { pressKit: false };

export const pressMediaConfig = (strapi: Core.Strapi): PressMediaConfig => strapi.config.get<PressMediaConfig>('plugin::press-media');
