import { row, type ViewPreset } from '../plugins/staff-admin/server/admin-views/viewPreset';
import { SHARED_FIELDS } from './sharedFields';

export const manifestoView: ViewPreset = {
  uid: 'api::manifesto.manifesto',
  mainField: 'title',
  list: ['title', 'lastRevisedOn', 'updatedAt'],
  edit: [
    row(['title', 12]),
    row(['preamble', 12]),
    row(['principles', 12]),
    row(['founders', 6]),
    row(['foundingYear', 4], ['lastRevisedOn', 4]),
    row(['visibleFrom', 6]),
    row(['seo', 12]),
  ],
  fields: {
    ...SHARED_FIELDS,
    title: { label: 'Titre' },
    preamble: { label: 'Préambule' },
    principles: { label: 'Principes' },
    founders: { label: 'Fondatrices et fondateurs' },
    foundingYear: { label: 'Année de fondation' },
    lastRevisedOn: { label: 'Dernière révision le' },
  },
};
