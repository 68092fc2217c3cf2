import { row, type ViewPreset } from '../plugins/staff-admin/server/admin-views/viewPreset';
import { SHARED_FIELDS } from './sharedFields';

export const articleView: ViewPreset = {
  uid: 'api::article.article',
  mainField: 'title',
  defaultSortBy: 'updatedAt',
  defaultSortOrder: 'DESC',
  list: ['title', 'kind', 'embargoUntil', 'updatedAt'],
  edit: [
    row(['title', 8], ['kind', 4]),
    row(['standfirst', 12]),
    row(['body', 12]),
    row(['cover', 12]),
    // Press release: embargo and press material together.
    row(['embargoUntil', 6], ['byline', 6]),
    row(['pressImages', 12]),
    row(['pressContacts', 6], ['attachments', 6]),
    row(['editions', 6], ['partners', 6]),
    row(['tags', 12]),
    // Technical fields last.
    row(['slug', 6], ['visibleFrom', 6]),
    row(['seo', 12]),
  ],
  fields: {
    ...SHARED_FIELDS,
    title: { label: 'Titre', description: '160 caractères au plus.', listLabel: 'Titre' },
    kind: {
      label: 'Type de contenu',
      description: 'Seul un communiqué de presse accepte un embargo.',
      listLabel: 'Type',
    },
    standfirst: { label: 'Chapô', description: 'Le résumé en une ou deux phrases affiché sous le titre (320 caractères au plus).' },
    body: { label: 'Texte' },
    cover: { label: 'Image principale', description: 'Le texte alternatif est obligatoire pour publier ; indiquez aussi le crédit photo.' },
    embargoUntil: {
      label: 'Embargo jusqu’au',
      description: 'Communiqués de presse uniquement : même publié, le communiqué reste invisible au public jusqu’à cette date et heure.',
      listLabel: 'Embargo',
    },
    byline: { label: 'Signature', description: 'Facultatif : qui signe le texte.' },
    pressImages: {
      label: 'Photos pour la presse',
      description: 'Images en haute définition proposées aux journalistes, chacune avec texte alternatif et crédit.',
    },
    pressContacts: { label: 'Contacts presse' },
    attachments: { label: 'Pièces jointes', description: 'Dossier de presse, PDF, etc.' },
    editions: { label: 'Éditions liées' },
    partners: { label: 'Partenaires liés' },
    tags: { label: 'Mots-clés' },
  },
};
