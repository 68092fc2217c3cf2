import { plainText } from '../../../../src/plugins/translation-status/server/utils/plainText';
import { adminLink } from '../../../../src/plugins/translation-status/server/utils/adminLink';
import { detailReadOf, wantsTranslationMeta } from '../../../../src/plugins/translation-status/server/middlewares/translation-meta';

describe('plainText', () => {
  it.each([
    [null, ''],
    ['Titre', 'Titre'],
    [
      [
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'Un ' },
            { type: 'text', text: 'texte', bold: true },
          ],
        },
        { type: 'heading', level: 2, children: [{ type: 'text', text: 'Suite' }] },
      ],
      'Un texte\nSuite',
    ],
    [{ id: 3, alternativeText: 'Une photo', credit: '© X', image: { id: 1 } }, 'alternativeText: Une photo\ncredit: © X'],
  ])('%j → %j', (value, text) => {
    expect(plainText(value)).toBe(text);
  });
});

describe('the admin link and the detail-read rules', () => {
  it('opens the document in the content manager, in the locale', () => {
    expect(adminLink('https://cms.test/admin', 'collectionType', 'api::article.article', 'abc', 'en')).toBe(
      'https://cms.test/admin/content-manager/collection-types/api::article.article/abc?plugins[i18n][locale]=en'
    );
    expect(adminLink('/admin', 'singleType', 'api::manifesto.manifesto', 'abc', 'en')).toBe(
      '/admin/content-manager/single-types/api::manifesto.manifesto?plugins[i18n][locale]=en'
    );
  });

  it.each([
    ['api::article.article.findOne', 'api::article.article'],
    ['api::article.article.findBySlug', 'api::article.article'],
    ['api::article.article.find', undefined],
    ['plugin::upload.content-api.findOne', undefined],
  ])('%s is a detail read of %s', (handler, uid) => {
    expect(detailReadOf(handler)).toBe(uid);
  });

  it.each([
    [{}, false, false],
    [{}, true, true],
    [{ translation: 'true' }, false, true],
    [{ translation: 'false' }, true, false],
  ])('query %j with metaByDefault=%s → %s', (query, byDefault, wanted) => {
    expect(wantsTranslationMeta(query, byDefault)).toBe(wanted);
  });
});
