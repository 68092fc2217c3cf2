import { row, type ViewPreset } from '../plugins/staff-admin/server/admin-views/viewPreset';

export const creditedImageView: ViewPreset = {
  uid: 'media.credited-image',
  isComponent: true,
  mainField: 'alternativeText',
  list: ['alternativeText', 'credit'],
  edit: [row(['image', 6], ['alternativeText', 6]), row(['credit', 6], ['licence', 6]), row(['caption', 12])],
  fields: {
    image: { label: 'Image' },
    alternativeText: {
      label: 'Texte alternatif (obligatoire)',
      description: 'Décrivez ce que montre l’image pour les personnes qui ne la voient pas. Sans lui, la publication est refusée.',
    },
    credit: { label: 'Crédit photo', description: 'Photographe ou source, par exemple « © Diversidays ».' },
    licence: { label: 'Licence', description: 'Facultatif : par exemple « CC BY 4.0 » ou « Tous droits réservés ».' },
    caption: { label: 'Légende' },
  },
};
