'use strict';
/**
 * Fills a database with a realistic archive, stored as Strapi 5 stores it, in seconds rather than hours:
 * - articles in French and English (news, press releases, announcements) with a cover and press images
 *   (credited-image components whose media rows carry thumbnail/small/medium formats), tags, a body of a
 *   few hundred words (blocks), SEO, links to editions, partners and press contacts; one release in
 *   fifty under embargo, one article in forty scheduled (visibleFrom in the future);
 * - the editions (with their programme and territory), partners (with logos), press contacts and press
 *   coverage those articles point to.
 * Each document has a draft row and a published row per locale, sharing its document_id, and each row
 * has its own components and links to the same state of its targets, as the Document Service writes them.
 *
 * Rows go through Strapi's query engine (`strapi.db.query(uid).createMany`), so every value is converted
 * as Strapi converts it for the database in use (datetimes as milliseconds on SQLite, timestamps on
 * PostgreSQL, JSON as text, defaults); join tables are named from Strapi's metadata. Checked against
 * rows written by the Document Service in tests/api/dataset-generator.test.ts, on SQLite and PostgreSQL.
 *
 *   node tests/bench/generate-dataset.js --size 10000            (uses DATABASE_* from the environment)
 *
 * Exported as `generateDataset(strapi, size)` for the benchmarks. Deterministic for a given size.
 */
const LOCALES = ['fr', 'en'];
const KINDS = ['news', 'press-release', 'announcement'];
const HOUR = 3600_000;
/** The archive ends on a fixed day (so a size always gives the same rows) and spans up to ten years. */
const END = Date.parse('2026-11-01T00:00:00Z');
const spacingFor = (size) => Math.min(4 * HOUR, Math.floor((10 * 365 * 24 * HOUR) / size));

/** mulberry32: a small seeded generator, so a size always gives the same archive. */
const seededRandom = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const WORDS = {
  fr: (
    'association inclusion emploi insertion accompagnement territoire atelier bénévoles partenaires entreprises ' +
    'jeunes quartiers formation compétences réseau mentorat projet solidarité rencontre programme édition ' +
    'numérique handicap égalité chances parcours professionnel recrutement collectivités région ville accueil ' +
    'écoute confiance réussite témoignage engagement citoyen dispositif financement lancement bilan chiffres ' +
    'participants stages alternance diversité avenir ensemble découverte métiers orientation'
  ).split(' '),
  en: (
    'association inclusion employment integration support territory workshop volunteers partners companies ' +
    'young people neighbourhoods training skills network mentoring project solidarity meeting programme edition ' +
    'digital disability equality opportunity career path hiring local authorities region city welcome listening ' +
    'trust success testimony commitment citizen scheme funding launch results figures participants internships ' +
    'apprenticeship diversity future together discovery trades guidance'
  ).split(' '),
};
const TAGS = {
  fr: ['emploi', 'jeunesse', 'handicap', 'numérique', 'territoires', 'mentorat', 'formation', 'égalité'],
  en: ['employment', 'youth', 'disability', 'digital', 'territories', 'mentoring', 'training', 'equality'],
};
const REGIONS = ['Île-de-France', 'Auvergne-Rhône-Alpes', 'Occitanie', 'Hauts-de-France', 'Grand Est', 'Bretagne'];

const sentence = (random, locale, words) => {
  const list = WORDS[locale];
  const text = Array.from({ length: words }, () => list[Math.floor(random() * list.length)]).join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
};
/** Strapi's blocks format: paragraphs of text, about `words` words in all. */
const blocks = (random, locale, words) =>
  Array.from({ length: Math.max(1, Math.round(words / 60)) }, () => ({
    type: 'paragraph',
    children: [{ type: 'text', text: Array.from({ length: 5 }, () => sentence(random, locale, 12)).join(' ') }],
  }));

/** 24 characters of [a-z0-9] like Strapi's own, told apart by their prefix (`ar…` articles, `ed…` editions). */
const documentIdFor = (prefix, index) => `${prefix}${index.toString(36).padStart(24 - prefix.length, '0')}`;
const iso = (ms) => new Date(ms).toISOString();
const dateOnly = (ms) => iso(ms).slice(0, 10);

/** Writes rows through Strapi's query engine in chunks and returns their ids, in order. */
const insertRows = async (strapi, uid, rows, chunk = 1000) => {
  const ids = [];
  for (let offset = 0; offset < rows.length; offset += chunk) {
    const result = await strapi.db.query(uid).createMany({ data: rows.slice(offset, offset + chunk) });
    ids.push(...result.ids);
  }
  return ids;
};

const insertLinks = async (strapi, table, rows) => {
  if (rows.length > 0) await strapi.db.connection.batchInsert(table, rows, 500);
};

/** The join-table rows of a relation attribute (`joinTable` is Strapi's metadata, as in @strapi/database 5.54). */
const relationLinks = (strapi, uid, field, pairs) => {
  const { joinTable } = strapi.db.metadata.get(uid).attributes[field];
  const rows = pairs.map(([sourceId, targetId, order]) => {
    const row = { [joinTable.joinColumn.name]: sourceId, [joinTable.inverseJoinColumn.name]: targetId };
    if (joinTable.orderColumnName) row[joinTable.orderColumnName] = order;
    // Strapi numbers a link's place on the other side too; each generated target's links arrive in id order.
    if (joinTable.inverseOrderColumnName) row[joinTable.inverseOrderColumnName] = 1;
    return row;
  });
  return { table: joinTable.name, rows };
};

/**
 * Components and media collected while rows are built, written once their owners have ids.
 * A component field of a row: `{ field, component, data }` (data with `image` for credited images).
 */
class Archive {
  constructor(strapi, random) {
    this.strapi = strapi;
    this.random = random;
    this.fileCount = 0;
  }

  /** One media row per image, with the formats the upload plugin makes for a 1600×1000 JPEG. */
  fileRow(name, createdAt) {
    this.fileCount += 1;
    const hash = `${name.replace(/[^a-z0-9]/gi, '_')}_${this.fileCount.toString(16).padStart(10, '0')}`;
    const format = (prefix, width, height, size) => ({
      ext: '.jpg',
      url: `/uploads/${prefix}_${hash}.jpg`,
      hash: `${prefix}_${hash}`,
      mime: 'image/jpeg',
      name: `${prefix}_${name}.jpg`,
      path: null,
      size,
      width,
      height,
      sizeInBytes: Math.round(size * 1000),
    });
    return {
      documentId: documentIdFor('f', this.fileCount),
      name: `${name}.jpg`,
      alternativeText: null,
      caption: null,
      width: 1600,
      height: 1000,
      formats: {
        thumbnail: format('thumbnail', 245, 153, 7.9),
        large: format('large', 1000, 625, 88.4),
        medium: format('medium', 750, 469, 54.1),
        small: format('small', 500, 313, 27.6),
      },
      hash,
      ext: '.jpg',
      mime: 'image/jpeg',
      size: 212.7,
      url: `/uploads/${hash}.jpg`,
      previewUrl: null,
      provider: 'local',
      provider_metadata: null,
      folderPath: '/',
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      publishedAt: iso(createdAt),
      locale: null,
    };
  }

  /**
   * Inserts owner rows, then their components (a fresh set per row, as the Document Service makes for
   * each draft and published row), their component links and the media links of credited images.
   * `rows[i].components` lists `{ field, component, data: [..] }`; `rows[i].files` the media row per image.
   */
  async insertOwners(uid, rows) {
    const ids = await insertRows(
      this.strapi,
      uid,
      rows.map(({ components: _components, ...row }) => row)
    );
    const byComponent = new Map();
    rows.forEach((row, index) => {
      for (const { field, component, data } of row.components ?? []) {
        data.forEach((item, order) => {
          if (!byComponent.has(component)) byComponent.set(component, []);
          byComponent.get(component).push({ ownerId: ids[index], field, order: order + 1, item });
        });
      }
    });
    const { joinTable } = this.strapi.db.metadata.get(uid).attributes[rows[0].components?.[0]?.field ?? ''] ?? {};
    const componentLinks = [];
    for (const [component, entries] of byComponent) {
      const componentIds = await insertRows(
        this.strapi,
        component,
        entries.map(({ item: { image: _image, ...fields } }) => fields)
      );
      const files = entries.map(({ item }) => item.image).filter(Boolean);
      const fileIds = files.length ? await insertRows(this.strapi, 'plugin::upload.file', files) : [];
      let fileIndex = 0;
      const mediaLinks = [];
      entries.forEach((entry, index) => {
        componentLinks.push({
          [joinTable.joinColumn.name]: entry.ownerId,
          [joinTable.inverseJoinColumn.name]: componentIds[index],
          component_type: component,
          field: entry.field,
          [joinTable.orderColumnName]: entry.order,
        });
        if (entry.item.image) {
          mediaLinks.push({
            file_id: fileIds[fileIndex],
            related_id: componentIds[index],
            related_type: component,
            field: 'image',
            order: 1,
          });
          fileIndex += 1;
        }
      });
      await insertLinks(this.strapi, 'files_related_mph', mediaLinks);
    }
    if (joinTable) await insertLinks(this.strapi, joinTable.name, componentLinks);
    return ids;
  }
}

/**
 * Builds the rows of one document in every locale, draft then published, and calls `each(locale,
 * published)` for the fields that differ. Returns the rows in the order [fr draft, fr published, en …].
 */
const documentRows = (documentId, createdAt, publishedAt, fields) =>
  LOCALES.flatMap((locale) =>
    [null, publishedAt].map((published) => ({
      documentId,
      locale,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      publishedAt: published === null ? null : iso(published),
      ...fields(locale, published !== null),
    }))
  );

const creditedImage = (archive, name, createdAt, locale) => ({
  image: archive.fileRow(name, createdAt),
  alternativeText: locale === 'fr' ? `Photo : ${name.replace(/-/g, ' ')}` : `Photo: ${name.replace(/-/g, ' ')}`,
  caption: null,
  credit: 'Passerelle',
  licence: 'CC BY 4.0',
});

/** Row ids of a generated type as [document][locale index * 2 + (published ? 1 : 0)]. */
const byDocument = (ids) => Array.from({ length: ids.length / 4 }, (_, d) => ids.slice(d * 4, d * 4 + 4));

async function generateDataset(strapi, size, { log = console.log } = {}) {
  const random = seededRandom(size);
  const archive = new Archive(strapi, random);
  const counts = {
    programmes: 3,
    editions: Math.max(4, Math.round(size / 100)),
    partners: Math.max(10, Math.min(300, Math.round(size / 50))),
    people: Math.max(6, Math.min(100, Math.round(size / 200))),
    coverages: Math.max(5, Math.round(size / 10)),
  };
  const spacing = spacingFor(size);
  const START = END - size * spacing;
  const end = END;

  // Programmes and editions.
  const programmeIds = byDocument(
    await insertRows(
      strapi,
      'api::programme.programme',
      Array.from({ length: counts.programmes }, (_, p) =>
        documentRows(documentIdFor('pg', p), START, START, (locale) => ({
          name: locale === 'fr' ? `Programme ${p + 1}` : `Programme ${p + 1}`,
          slug: `programme-${p + 1}`,
          audience: sentence(random, locale, 15),
          description: blocks(random, locale, 80),
        }))
      ).flat()
    )
  );
  const editionRows = Array.from({ length: counts.editions }, (_, e) => {
    const starts = START + Math.round(((end - START) * e) / counts.editions);
    const region = REGIONS[e % REGIONS.length];
    return documentRows(documentIdFor('ed', e), starts, starts, (locale) => ({
      title: locale === 'fr' ? `Édition ${e + 1} ${region}` : `Edition ${e + 1} ${region}`,
      slug: locale === 'fr' ? `edition-${e + 1}-${e}` : `edition-${e + 1}-${e}-en`,
      number: e + 1,
      startDate: dateOnly(starts),
      endDate: dateOnly(starts + 60 * 24 * HOUR),
      format: ['online', 'in-person', 'hybrid'][e % 3],
      summary: sentence(random, locale, 40),
      registrationUrl: `https://passerelle.example.org/inscription/${e + 1}`,
      components: [
        { field: 'territory', component: 'programme.territory', data: [{ region, department: null, departmentCode: null }] },
        { field: 'cover', component: 'media.credited-image', data: [creditedImage(archive, `edition-${e + 1}`, starts, locale)] },
      ],
    }));
  }).flat();
  const editionIds = byDocument(await archive.insertOwners('api::edition.edition', editionRows));
  const programmeLinks = relationLinks(
    strapi,
    'api::edition.edition',
    'programme',
    editionIds.flatMap((rows, e) => rows.map((id, r) => [id, programmeIds[e % counts.programmes][r], 1]))
  );
  await insertLinks(strapi, programmeLinks.table, programmeLinks.rows);
  log(`  ${counts.programmes} programmes, ${counts.editions} editions`);

  // Partners (a name shared by all locales, a logo) and press contacts.
  const partnerRows = Array.from({ length: counts.partners }, (_, p) =>
    documentRows(documentIdFor('pa', p), START, START, (locale) => ({
      name: `Partenaire ${p + 1}`,
      slug: locale === 'fr' ? `partenaire-${p + 1}` : `partenaire-${p + 1}-en`,
      kind: ['company', 'public-body', 'association', 'public-employment-service', 'media', 'event'][p % 6],
      website: `https://partenaire-${p + 1}.example.org`,
      description: sentence(random, locale, 30),
      partnerSince: dateOnly(START - p * 24 * HOUR),
      components: [{ field: 'logo', component: 'media.credited-image', data: [creditedImage(archive, `logo-${p + 1}`, START, locale)] }],
    }))
  ).flat();
  const partnerIds = byDocument(await archive.insertOwners('api::partner.partner', partnerRows));
  const peopleIds = byDocument(
    await insertRows(
      strapi,
      'api::person.person',
      Array.from({ length: counts.people }, (_, p) =>
        documentRows(documentIdFor('pe', p), START, START, (locale) => ({
          name: `Contact Presse ${p + 1}`,
          role: locale === 'fr' ? 'Chargée de communication' : 'Communications officer',
          isPressContact: true,
          email: `presse${p + 1}@passerelle.example.org`,
          phone: `+33 1 23 45 ${String(p % 100).padStart(2, '0')} 00`,
        }))
      ).flat()
    )
  );
  const organisationLinks = relationLinks(
    strapi,
    'api::person.person',
    'organisation',
    peopleIds.flatMap((rows, p) => rows.map((id, r) => [id, partnerIds[p % counts.partners][r], 1]))
  );
  await insertLinks(strapi, organisationLinks.table, organisationLinks.rows);
  log(`  ${counts.partners} partners, ${counts.people} press contacts`);

  // Articles, in batches so 50,000 documents keep memory flat.
  const batch = 500;
  for (let offset = 0; offset < size; offset += batch) {
    const documents = [];
    for (let i = offset; i < Math.min(size, offset + batch); i += 1) {
      const createdAt = START + i * spacing;
      const kind = KINDS[i % KINDS.length];
      // One embargoed release in fifty and one scheduled article in forty, both ending in the future.
      const embargoUntil = kind === 'press-release' && i % 50 === 2 ? iso(Date.now() + 86400_000 * (1 + (i % 30))) : null;
      const visibleFrom = i % 40 === 7 ? iso(Date.now() + 86400_000 * (1 + (i % 20))) : null;
      const tagCount = 1 + (i % 3);
      const words = 200 + Math.floor(random() * 300);
      const rows = documentRows(documentIdFor('ar', i), createdAt, createdAt + HOUR, (locale) => ({
        title: locale === 'fr' ? `Actualité numéro ${i}` : `News item number ${i}`,
        slug: locale === 'fr' ? `actualite-numero-${i}` : `news-item-number-${i}`,
        kind,
        standfirst: sentence(random, locale, 25),
        body: blocks(random, locale, words),
        byline: 'Service communication',
        embargoUntil,
        visibleFrom,
        components: [
          {
            field: 'cover',
            component: 'media.credited-image',
            data: [creditedImage(archive, `article-${i}-${locale}`, createdAt, locale)],
          },
          ...(i % 5 === 0
            ? [
                {
                  field: 'pressImages',
                  component: 'media.credited-image',
                  data: [creditedImage(archive, `press-${i}-${locale}`, createdAt, locale)],
                },
              ]
            : []),
          {
            field: 'tags',
            component: 'content.tag',
            data: Array.from({ length: tagCount }, (_, t) => ({ label: TAGS[locale][(i + t) % 8] })),
          },
          {
            field: 'seo',
            component: 'shared.seo',
            data: [
              {
                metaTitle: locale === 'fr' ? `Actualité ${i}` : `News ${i}`,
                metaDescription: sentence(random, locale, 12),
                noIndex: false,
              },
            ],
          },
        ],
      }));
      documents.push({ i, rows });
    }
    const ids = byDocument(
      await archive.insertOwners(
        'api::article.article',
        documents.flatMap((d) => d.rows)
      )
    );
    const editionPairs = [];
    const partnerPairs = [];
    const contactPairs = [];
    ids.forEach((rowIds, d) => {
      const i = documents[d].i;
      const edition = editionIds[Math.min(counts.editions - 1, Math.floor((i * counts.editions) / size))];
      const partners = i % 3 === 0 ? [] : [partnerIds[i % counts.partners], partnerIds[(i * 7 + 1) % counts.partners]];
      const contact = peopleIds[i % counts.people];
      rowIds.forEach((id, r) => {
        editionPairs.push([id, edition[r], 1]);
        partners.forEach((partner, order) => partnerPairs.push([id, partner[r], order + 1]));
        contactPairs.push([id, contact[r], 1]);
      });
    });
    for (const [field, pairs] of [
      ['editions', editionPairs],
      ['partners', partnerPairs],
      ['pressContacts', contactPairs],
    ]) {
      const { table, rows } = relationLinks(strapi, 'api::article.article', field, pairs);
      await insertLinks(strapi, table, rows);
    }
    const done = Math.min(size, offset + batch);
    if (done % 5000 === 0 || done === size) log(`  ${done}/${size} articles`);
  }

  // Press coverage of the association, linked to editions and partners.
  const coverageRows = Array.from({ length: counts.coverages }, (_, c) => {
    const day = START + Math.round(((end - START) * c) / counts.coverages);
    return documentRows(documentIdFor('pc', c), day, day, (locale) => ({
      headline: `Article de presse ${c + 1}`,
      slug: locale === 'fr' ? `revue-de-presse-${c + 1}` : `press-coverage-${c + 1}`,
      journalist: 'Camille Martin',
      publicationDate: dateOnly(day),
      originalUrl: `https://journal.example.org/articles/${c + 1}`,
      medium: ['online', 'print', 'radio', 'tv', 'podcast'][c % 5],
      originalLanguage: 'fr',
      summary: sentence(random, locale, 50),
      components: [
        {
          field: 'outlet',
          component: 'content.outlet',
          data: [{ name: `Journal ${(c % 20) + 1}`, website: 'https://journal.example.org' }],
        },
      ],
    }));
  }).flat();
  const coverageIds = byDocument(await archive.insertOwners('api::press-coverage.press-coverage', coverageRows));
  const coverageEditions = relationLinks(
    strapi,
    'api::press-coverage.press-coverage',
    'editions',
    coverageIds.flatMap((rows, c) => rows.map((id, r) => [id, editionIds[c % counts.editions][r], 1]))
  );
  await insertLinks(strapi, coverageEditions.table, coverageEditions.rows);
  const coveragePartners = relationLinks(
    strapi,
    'api::press-coverage.press-coverage',
    'partners',
    coverageIds.flatMap((rows, c) => rows.map((id, r) => [id, partnerIds[c % counts.partners][r], 1]))
  );
  await insertLinks(strapi, coveragePartners.table, coveragePartners.rows);
  log(`  ${counts.coverages} press coverage entries, ${archive.fileCount} media rows`);
  return size;
}

module.exports = { generateDataset };

if (require.main === module) {
  const size = Number(process.argv[process.argv.indexOf('--size') + 1]) || 10000;
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  (async () => {
    const appContext = await compileStrapi();
    const strapi = await createStrapi(appContext).load();
    const started = Date.now();
    await generateDataset(strapi, size);
    console.log(`Inserted ${size} articles × 2 locales in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await strapi.destroy();
    process.exit(0);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
