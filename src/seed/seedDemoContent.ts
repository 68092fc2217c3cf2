import fs from 'node:fs';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import * as demo from '../../database/seed/demoContent';
import { buildSlug } from '../plugins/editorial-rules/server/slugs/buildSlug';

type Data = Record<string, unknown>;
type Keyed = Map<string, string>;

/** The three calls the seeder makes, without the generated types' per-type overloads. */
type LooseDocuments = {
  create(params: { locale: string; data: Data }): Promise<{ documentId: string }>;
  update(params: { documentId: string; locale: string; data: Data }): Promise<unknown>;
  publish(params: { documentId: string; locale: string }): Promise<unknown>;
};

const DEMO_LOCALES = ['fr', 'en'] as const;
/** The demo's slugs are made from its French titles, as the editorial rules make them (config/plugins.ts). */
const DEMO_SLUG_LANGUAGE = 'fr';

/** Strapi reads a key set to `undefined` as an empty value to validate, so optional facts are left out. */
const withoutUndefined = (data: Data): Data => Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));

/**
 * Creates a document in French, adds its English version and publishes both, unless a French entry
 * matching `match` already exists: then it is left exactly as staff may have edited it.
 */
const ensureDocument = async (strapi: Core.Strapi, uid: UID.ContentType, match: Data, versions: { fr: Data; en: Data }) => {
  const existing = (await strapi.db.query(uid).findOne({ where: { ...match, locale: 'fr' }, select: ['documentId'] })) as {
    documentId: string;
  } | null;
  if (existing) return { documentId: existing.documentId, created: false };

  const documents = strapi.documents(uid) as unknown as LooseDocuments;
  const created = await documents.create({ locale: 'fr', data: withoutUndefined(versions.fr) });
  await documents.update({ documentId: created.documentId, locale: 'en', data: withoutUndefined(versions.en) });
  await documents.publish({ documentId: created.documentId, locale: '*' });
  return { documentId: created.documentId, created: true };
};

const ensureDemoImage = async (strapi: Core.Strapi): Promise<number> => {
  const existing = (await strapi.db.query('plugin::upload.file').findOne({ where: { name: demo.DEMO_IMAGE.name }, select: ['id'] })) as {
    id: number;
  } | null;
  if (existing) return existing.id;

  const filepath = path.join(strapi.dirs.app.root, 'database', 'seed', 'images', demo.DEMO_IMAGE.file);
  const [uploaded] = (await strapi
    .plugin('upload')
    .service('upload')
    .upload({
      data: {
        fileInfo: {
          name: demo.DEMO_IMAGE.name,
          alternativeText: demo.DEMO_IMAGE.alternativeText.fr,
          caption: demo.DEMO_IMAGE.caption.fr,
        },
      },
      files: { filepath, originalFilename: demo.DEMO_IMAGE.file, mimetype: 'image/jpeg', size: fs.statSync(filepath).size },
    })) as Array<{ id: number }>;
  return uploaded.id;
};

const creditedImage = (imageId: number, locale: 'fr' | 'en') => ({
  image: imageId,
  alternativeText: demo.DEMO_IMAGE.alternativeText[locale],
  caption: demo.DEMO_IMAGE.caption[locale],
  credit: demo.DEMO_IMAGE.credit,
  licence: demo.DEMO_IMAGE.licence,
});

const ids = (keyed: Keyed, keys: string[]) => keys.map((key) => keyed.get(key)).filter((id): id is string => Boolean(id));

/** Loads the demo content of DEMO-CONTENT.md. Running it again creates nothing and changes nothing. */
export const seedDemoContent = async (strapi: Core.Strapi): Promise<{ created: number }> => {
  let created = 0;
  const count = (result: { documentId: string; created: boolean }) => {
    if (result.created) created += 1;
    return result.documentId;
  };
  const imageId = await ensureDemoImage(strapi);

  const partnerIds: Keyed = new Map();
  for (const partner of demo.partners) {
    const shared = { name: partner.name, kind: partner.kind, website: partner.website };
    const slug = buildSlug(partner.name, DEMO_SLUG_LANGUAGE);
    const documentId = await ensureDocument(
      strapi,
      'api::partner.partner',
      { slug },
      {
        fr: { ...shared, slug, description: partner.description.fr },
        en: { ...shared, slug, description: partner.description.en },
      }
    );
    partnerIds.set(partner.key, count(documentId));
  }

  const personIds: Keyed = new Map();
  for (const person of demo.people) {
    const organisation = person.organisation ? partnerIds.get(person.organisation) : undefined;
    const shared = {
      name: person.name,
      isPressContact: person.isPressContact ?? false,
      email: person.email,
      phone: person.phone,
    };
    const version = (locale: 'fr' | 'en') => ({ ...shared, role: person.role[locale], ...(organisation ? { organisation } : {}) });
    const documentId = await ensureDocument(strapi, 'api::person.person', { name: person.name }, { fr: version('fr'), en: version('en') });
    personIds.set(person.key, count(documentId));
  }

  const programmeSlug = buildSlug(demo.programme.name.fr, DEMO_SLUG_LANGUAGE);
  const programmeId = count(
    await ensureDocument(
      strapi,
      'api::programme.programme',
      { slug: programmeSlug },
      Object.fromEntries(
        DEMO_LOCALES.map((locale) => [
          locale,
          {
            name: demo.programme.name[locale],
            slug: programmeSlug,
            description: demo.programme.description[locale],
            aims: demo.programme.aims[locale].map((text) => ({ text })),
            audience: demo.programme.audience[locale],
          },
        ])
      ) as unknown as { fr: Data; en: Data }
    )
  );

  const editionIds: Keyed = new Map();
  for (const edition of demo.editions) {
    const shared = {
      number: edition.number,
      territory: edition.territory,
      startDate: edition.startDate,
      endDate: edition.endDate,
      format: edition.format,
      registrationUrl: edition.registrationUrl,
      programme: programmeId,
      partners: edition.partners.map(({ partner, role }) => ({ partner: partnerIds.get(partner), role })),
    };
    const version = (locale: 'fr' | 'en') => ({
      ...shared,
      title: edition.title[locale],
      summary: edition.summary[locale],
      launchEvent: edition.launchEvent?.[locale],
      workshops: edition.workshops[locale].map(({ title, host }) => ({ title, host: host ? partnerIds.get(host) : undefined })),
      outcomes: edition.outcomes[locale],
      cover: creditedImage(imageId, locale),
    });
    const slug = buildSlug(edition.title.fr, DEMO_SLUG_LANGUAGE);
    const documentId = await ensureDocument(
      strapi,
      'api::edition.edition',
      { slug },
      {
        fr: { ...version('fr'), slug },
        en: version('en'),
      }
    );
    editionIds.set(edition.key, count(documentId));
  }

  const coverage = demo.pressCoverage;
  const coverageSlug = buildSlug(coverage.headline, DEMO_SLUG_LANGUAGE);
  const coverageVersion = (locale: 'fr' | 'en') => ({
    headline: coverage.headline,
    slug: coverageSlug,
    outlet: coverage.outlet,
    journalist: coverage.journalist,
    publicationDate: coverage.publicationDate,
    originalUrl: coverage.originalUrl,
    medium: coverage.medium,
    originalLanguage: coverage.originalLanguage,
    summary: coverage.summary[locale],
    quotes: coverage.quotes[locale],
    photoCaption: coverage.photoCaption[locale],
    photoCredit: coverage.photoCredit,
    editions: ids(editionIds, coverage.editions),
    partners: ids(partnerIds, coverage.partners),
  });
  count(
    await ensureDocument(
      strapi,
      'api::press-coverage.press-coverage',
      { slug: coverageSlug },
      {
        fr: coverageVersion('fr'),
        en: coverageVersion('en'),
      }
    )
  );

  for (const article of demo.articles) {
    const version = (locale: 'fr' | 'en') => ({
      kind: article.kind,
      title: article.title[locale],
      standfirst: article.standfirst[locale],
      body: article.body[locale],
      tags: article.tags[locale].map((label) => ({ label })),
      byline: article.byline,
      embargoUntil: article.embargoUntil,
      cover: creditedImage(imageId, locale),
      editions: ids(editionIds, article.editions),
      partners: ids(partnerIds, article.partners),
      pressContacts: ids(personIds, article.pressContacts),
    });
    const slug = buildSlug(article.title.fr, DEMO_SLUG_LANGUAGE);
    count(await ensureDocument(strapi, 'api::article.article', { slug }, { fr: { ...version('fr'), slug }, en: version('en') }));
  }

  const manifesto = demo.manifesto;
  const manifestoVersion = (locale: 'fr' | 'en') => ({
    title: manifesto.title[locale],
    preamble: manifesto.preamble[locale],
    principles: manifesto.principles[locale],
    founders: ids(personIds, manifesto.founders),
    foundingYear: manifesto.foundingYear,
  });
  count(await ensureDocument(strapi, 'api::manifesto.manifesto', {}, { fr: manifestoVersion('fr'), en: manifestoVersion('en') }));

  strapi.log.info(
    created > 0 ? `[seed] demo content: ${created} documents created` : '[seed] demo content already present, nothing changed'
  );
  return { created };
};
