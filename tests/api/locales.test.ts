import { bootStrapi, type TestServer } from '../helpers/strapi';

type Locale = { code: string; name: string };

const readLocales = async (server: TestServer): Promise<Locale[]> =>
  ((await server.strapi.plugin('i18n').service('locales').find()) as Locale[]).map(({ code, name }) => ({ code, name }));

const readDefaultLocale = (server: TestServer): Promise<string> => server.strapi.plugin('i18n').service('locales').getDefaultLocale();

describe('locales at bootstrap', () => {
  let server: TestServer | undefined;

  afterEach(async () => {
    await server?.destroy();
    server = undefined;
  });

  it('creates French as the default and English beside it, and a second boot changes nothing', async () => {
    const first = await bootStrapi({ emptyDatabase: true, env: { PASSERELLE_EXTRA_LOCALES: undefined } });
    const afterFirstBoot = await readLocales(first);
    expect(afterFirstBoot.map((l) => l.code).sort()).toEqual(['en', 'fr']);
    expect(await readDefaultLocale(first)).toBe('fr');

    await first.stop();
    server = await bootStrapi({ databaseFile: first.databaseFile, env: { PASSERELLE_EXTRA_LOCALES: undefined } });
    const afterSecondBoot = await readLocales(server);
    expect(afterSecondBoot).toEqual(afterFirstBoot);
    expect(await readDefaultLocale(server)).toBe('fr');
  });

  it('keeps a default locale that staff changed', async () => {
    const first = await bootStrapi({ emptyDatabase: true });
    await first.strapi.plugin('i18n').service('locales').setDefaultLocale({ code: 'en' });
    await first.stop();
    server = await bootStrapi({ databaseFile: first.databaseFile });
    expect(await readDefaultLocale(server)).toBe('en');
  });

  it('adds the extra locales named by PASSERELLE_EXTRA_LOCALES', async () => {
    server = await bootStrapi({ env: { PASSERELLE_EXTRA_LOCALES: 'de, es' } });
    const codes = (await readLocales(server)).map((l) => l.code).sort();
    expect(codes).toEqual(['de', 'en', 'es', 'fr']);
  });

  it('refuses to boot with an unknown locale code and names it', async () => {
    await expect(bootStrapi({ env: { PASSERELLE_EXTRA_LOCALES: 'de,xx-nowhere' } })).rejects.toThrow(
      /PASSERELLE_EXTRA_LOCALES lists unknown locale code\(s\): "xx-nowhere"/
    );
  });
});
