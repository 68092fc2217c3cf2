import type { FieldText } from '../plugins/staff-admin/server/admin-views/viewPreset';

/** Field texts that read the same on every type. */
export const SHARED_FIELDS: Record<string, FieldText> = {
  slug: {
    label: 'Adresse de la page (slug)',
    description: 'Rempli automatiquement à partir du titre. À ne changer que si nécessaire : l’ancienne adresse ne fonctionnera plus.',
  },
  seo: {
    label: 'Référencement (SEO)',
    description: 'Facultatif : titre et description pour les moteurs de recherche et les réseaux sociaux.',
  },
  visibleFrom: {
    label: 'Visible à partir du',
    description: 'Facultatif : le contenu publié reste caché jusqu’à cette date et heure (heure de Paris).',
    listLabel: 'Visible le',
  },
  updatedAt: { label: 'Modifié le' },
  createdAt: { label: 'Créé le' },
};
