import { translationState } from '../../../../src/plugins/translation-status/server/utils/translationState';

const published = { exists: true, published: true };
const draftOnly = { exists: true, published: false };
const absent = { exists: false, published: false };

describe('translationState', () => {
  it.each([
    ['no translation at all', published, absent, 'h1', undefined, 'missing'],
    ['a translation still in draft while the source is published', published, draftOnly, 'h1', 'h1', 'missing'],
    ['a translation written against the current source', published, published, 'h1', 'h1', 'current'],
    ['a translation written against an older source', published, published, 'h2', 'h1', 'outdated'],
    ['a translation written before the source existed', published, published, 'h1', null, 'outdated'],
    ['a draft translation of a draft source, up to date', draftOnly, draftOnly, 'h1', 'h1', 'current'],
    ['a draft translation of a draft source, behind', draftOnly, draftOnly, 'h2', 'h1', 'outdated'],
  ] as const)('%s', (_case, source, target, currentSourceHash, basedOnSourceHash, expected) => {
    expect(translationState({ source, target, currentSourceHash, basedOnSourceHash })).toBe(expected);
  });
});
