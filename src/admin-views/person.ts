import { row, type ViewPreset } from '../plugins/staff-admin/server/admin-views/viewPreset';
import { SHARED_FIELDS } from './sharedFields';

export const personView: ViewPreset = {
  uid: 'api::person.person',
  mainField: 'name',
  defaultSortBy: 'name',
  defaultSortOrder: 'ASC',
  list: ['name', 'role', 'isPressContact', 'updatedAt'],
  edit: [
    row(['name', 6], ['role', 6]),
    row(['organisation', 6], ['isPressContact', 4]),
    row(['photo', 12]),
    row(['email', 6], ['phone', 6]),
    row(['visibleFrom', 6]),
  ],
  fields: {
    ...SHARED_FIELDS,
    name: { label: 'Nom', listLabel: 'Nom' },
    role: { label: 'Fonction', listLabel: 'Fonction' },
    organisation: { label: 'Organisation' },
    isPressContact: {
      label: 'Contact presse',
      description: 'Cochez si cette personne répond aux journalistes.',
      listLabel: 'Contact presse',
    },
    photo: { label: 'Photo', description: 'Le texte alternatif est obligatoire pour publier.' },
    email: { label: 'E-mail', description: 'Visible uniquement pour les contacts presse.' },
    phone: { label: 'Téléphone', description: 'Visible uniquement pour les contacts presse.' },
  },
};
