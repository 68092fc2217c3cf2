import type { TranslationState } from '../../shared/translationStatus';

export type { TranslationState };

export type LocaleVersion = {
  /** The locale has a version at all (a draft or a published one). */
  exists: boolean;
  /** The locale has a published version (for types without draft and publish: any version). */
  published: boolean;
};

/**
 * The state of one translation. `missing`: the source is published and this locale is not (a reader
 * would get nothing, or the fallback). `outdated`: the source's localized content changed since this
 * locale was written or confirmed. `current` otherwise.
 */
export const translationState = (input: {
  source: LocaleVersion;
  target: LocaleVersion;
  currentSourceHash: string | null | undefined;
  basedOnSourceHash: string | null | undefined;
}): TranslationState => {
  if (!input.target.exists || (input.source.published && !input.target.published)) return 'missing';
  if (input.currentSourceHash && input.basedOnSourceHash !== input.currentSourceHash) return 'outdated';
  return 'current';
};
