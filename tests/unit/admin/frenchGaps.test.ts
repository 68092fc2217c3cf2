import fs from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { frenchGaps } from '../../../src/admin/frenchGaps';
import { translations } from '../../../src/admin/translations';
import { ENUMERATION_LABELS } from '../../../src/admin/enumerationLabels';

/** Strapi's English texts, as the admin panel of the installed version ships them. */
const strapiEnglish = (): Record<string, string> => {
  const modules = root('node_modules', '@strapi');
  const read = (file: string, prefix: string) => {
    const texts = require(path.join(modules, file)) as { default?: Record<string, string> } & Record<string, string>;
    return Object.fromEntries(Object.entries(texts.default ?? texts).map(([key, text]) => [`${prefix}${key}`, text]));
  };
  return {
    ...read('admin/dist/admin/admin/src/translations/en.json.js', ''),
    ...read('content-manager/dist/admin/translations/en.json.js', 'content-manager.'),
    ...read('upload/dist/admin/translations/en.json.js', 'upload.'),
  };
};
const root = (...parts: string[]) => path.join(__dirname, '..', '..', '..', ...parts);

/** The names of an ICU message's arguments (`{name}`, `{count, plural, …}`), read by react-intl's own parser. */
const ARGUMENT_TYPES = new Set<TYPE>([TYPE.argument, TYPE.number, TYPE.date, TYPE.time, TYPE.select, TYPE.plural]);
const argumentsOf = (message: string): Set<string> => {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (ARGUMENT_TYPES.has(element.type)) names.add((element as { value: string }).value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
      if ('children' in element) walk(element.children);
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return names;
};

describe('French texts for Strapi’s untranslated interface', () => {
  const english = strapiEnglish();

  it('translates keys that Strapi really has (a renamed key would silently fall back to English)', () => {
    expect(fs.existsSync(root('node_modules', '@strapi', 'upload'))).toBe(true);
    const unknown = Object.keys(frenchGaps).filter((key) => !(key in english));
    expect(unknown).toEqual([]);
  });

  it('keeps every argument of the English message, so no count or name goes missing', () => {
    const lost = Object.entries(frenchGaps)
      .filter(([key, text]) => [...argumentsOf(english[key] ?? '')].some((name) => !argumentsOf(text).has(name)))
      .map(([key]) => key);
    expect(lost).toEqual([]);
  });

  it('covers the texts staff met in English: banner, search, field hints, preview, sessions', () => {
    for (const key of [
      'app.components.MediaLibraryBanner.intro',
      'upload.header.search.placeholder',
      'content-manager.form.Input.hint.character.unit',
      'content-manager.preview.panel.title',
      'content-manager.preview.panel.button',
      'global.sessions.active-devices',
    ]) {
      expect({ key, french: translations.fr[key] }).toEqual({ key, french: expect.any(String) });
      expect(translations.fr[key]).not.toEqual(english[key]);
    }
  });

  it('labels the article types in French while the values stay as the API has them', () => {
    expect(translations.fr).toMatchObject({ news: 'Actualité', 'press-release': 'Communiqué de presse', announcement: 'Annonce' });
    const schema = JSON.parse(fs.readFileSync(root('src', 'api', 'article', 'content-types', 'article', 'schema.json'), 'utf8'));
    expect(Object.keys(ENUMERATION_LABELS.fr)).toEqual(expect.arrayContaining(schema.attributes.kind.enum));
  });
});
