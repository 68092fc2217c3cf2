import { row, type ViewPreset } from '../plugins/staff-admin/server/admin-views/viewPreset';
import { SHARED_FIELDS } from './sharedFields';

export const partnerView: ViewPreset = {
  uid: 'api::partner.partner',
  mainField: 'name',
  defaultSortBy: 'name',
  defaultSortOrder: 'ASC',
  list: ['name', 'kind', 'partnerSince', 'updatedAt'],
  edit: [
    row(['name', 8], ['kind', 4]),
    row(['description', 12]),
    row(['logo', 12]),
    row(['website', 8], ['partnerSince', 4]),
    row(['people', 6], ['articles', 6]),
    row(['slug', 6], ['visibleFrom', 6]),
    row(['seo', 12]),
  ],
  fields: {
    ...SHARED_FIELDS,
    slug: {
      ...SHARED_FIELDS.slug,
      description: 'Rempli automatiquement à partir du nom. À ne changer que si nécessaire : l’ancienne adresse ne fonctionnera plus.',
    },
    name: { label: 'Nom', description: 'Le même dans toutes les langues.', listLabel: 'Nom' },
    kind: { label: 'Type de partenaire', listLabel: 'Type' },
    description: { label: 'Présentation', description: '2 000 caractères au plus.' },
    logo: { label: 'Logo', description: 'Le texte alternatif est obligatoire pour publier (par exemple « Logo de … »).' },
    website: { label: 'Site web', description: 'Adresse complète, commençant par https://' },
    partnerSince: { label: 'Partenaire depuis le', listLabel: 'Depuis' },
    people: { label: 'Personnes de cette organisation' },
    articles: { label: 'Articles liés' },
  },
};
