import { row, type ViewPreset } from '../plugins/staff-admin/server/admin-views/viewPreset';
import { SHARED_FIELDS } from './sharedFields';

export const programmeView: ViewPreset = {
  uid: 'api::programme.programme',
  mainField: 'name',
  list: ['name', 'audience', 'updatedAt'],
  edit: [
    row(['name', 12]),
    row(['audience', 12]),
    row(['description', 12]),
    row(['aims', 12]),
    row(['editions', 6]),
    row(['slug', 6], ['visibleFrom', 6]),
    row(['seo', 12]),
  ],
  fields: {
    ...SHARED_FIELDS,
    name: { label: 'Nom du programme', listLabel: 'Nom' },
    audience: { label: 'Public visé', listLabel: 'Public' },
    description: { label: 'Présentation' },
    aims: { label: 'Objectifs' },
    editions: { label: 'Éditions' },
  },
};
