import { bootStrapi, type TestServer } from '../helpers/strapi';
import { adminSession, type AdminSession } from '../helpers/admin';

const ARTICLE_CONFIGURATION = '/content-manager/content-types/api::article.article/configuration';

type Configuration = {
  contentType: {
    settings: Record<string, unknown>;
    metadatas: Record<string, { edit: { label: string; description: string }; list: { label: string } }>;
    layouts: { list: string[]; edit: Array<Array<{ name: string; size: number }>> };
  };
  components: Record<string, { metadatas: Record<string, { edit: { label: string } }>; layouts: { edit: Array<Array<{ name: string }>> } }>;
};

type Metadatas = Configuration['contentType']['metadatas'];

/** What the panel's "Configure the view" page sends back: the read adds `list.mainField` to relations, the save omits it. */
const asSaved = (metadatas: Metadatas): Metadatas =>
  Object.fromEntries(
    Object.entries(metadatas).map(([name, { edit, list }]) => {
      const { mainField: _omitted, ...rest } = list as { label: string; mainField?: unknown };
      return [name, { edit, list: rest }];
    })
  );

describe('content-manager views configured for staff', () => {
  let server: TestServer;
  let admin: AdminSession;

  beforeAll(async () => {
    server = await bootStrapi();
    admin = await adminSession(server);
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it('orders the article form as staff think: writing first, technical fields last', async () => {
    const response = await admin.get(ARTICLE_CONFIGURATION);
    expect(response.status).toBe(200);
    const { contentType } = (response.body as { data: Configuration }).data;
    const order = contentType.layouts.edit.flat().map((field) => field.name);
    expect(order.slice(0, 5)).toEqual(['title', 'kind', 'standfirst', 'body', 'cover']);
    expect(order.slice(-3)).toEqual(['slug', 'visibleFrom', 'seo']);
    expect(contentType.layouts.list).toEqual(['title', 'kind', 'embargoUntil', 'updatedAt']);
    expect(contentType.settings).toMatchObject({ mainField: 'title', defaultSortBy: 'updatedAt', defaultSortOrder: 'DESC' });
  });

  it('labels fields in French, with help texts', async () => {
    const { contentType, components } = ((await admin.get(ARTICLE_CONFIGURATION)).body as { data: Configuration }).data;
    expect(contentType.metadatas.standfirst.edit.label).toBe('Chapô');
    expect(contentType.metadatas.embargoUntil.edit.label).toBe('Embargo jusqu’au');
    expect(contentType.metadatas.embargoUntil.edit.description).toMatch(/Communiqués de presse uniquement/);
    expect(contentType.metadatas.embargoUntil.list.label).toBe('Embargo');
    const image = components['media.credited-image'];
    expect(image.metadatas.alternativeText.edit.label).toBe('Texte alternatif (obligatoire)');
    expect(image.metadatas.credit.edit.label).toBe('Crédit photo');
    expect(image.layouts.edit[0].map((field) => field.name)).toEqual(['image', 'alternativeText']);
  });

  it('stores a configuration the content manager itself accepts', async () => {
    for (const uid of [
      'api::article.article',
      'api::edition.edition',
      'api::partner.partner',
      'api::press-coverage.press-coverage',
      'api::programme.programme',
      'api::person.person',
      'api::manifesto.manifesto',
    ]) {
      const path = `/content-manager/content-types/${uid}/configuration`;
      const { settings, metadatas, layouts } = ((await admin.get(path)).body as { data: Configuration }).data.contentType;
      const saved = await admin.put(path, { settings, metadatas: asSaved(metadatas), layouts });
      expect({ uid, status: saved.status, error: saved.body.error }).toEqual({ uid, status: 200, error: undefined });
    }
  });

  it('keeps staff changes across restarts', async () => {
    const { settings, metadatas, layouts } = ((await admin.get(ARTICLE_CONFIGURATION)).body as { data: Configuration }).data.contentType;
    const changed = { ...metadatas, title: { ...metadatas.title, edit: { ...metadatas.title.edit, label: 'Titre du texte' } } };
    expect(
      (await admin.put(ARTICLE_CONFIGURATION, { settings: { ...settings, pageSize: 50 }, metadatas: asSaved(changed), layouts })).status
    ).toBe(200);

    await server.stop();
    server = await bootStrapi({ databaseFile: server.databaseFile });
    admin = await adminSession(server);

    const after = ((await admin.get(ARTICLE_CONFIGURATION)).body as { data: Configuration }).data.contentType;
    expect(after.metadatas.title.edit.label).toBe('Titre du texte');
    expect(after.settings.pageSize).toBe(50);
  });
});
