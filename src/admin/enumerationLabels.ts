/**
 * What staff read for the stored values of enumerations; the API keeps the values. Strapi 5.54's
 * form select shows `formatMessage({ id: value })` for each option, so these are translation ids;
 * its list cells show the raw value, so `labelEnumerationColumns` (enumerationColumns.tsx) gives
 * those columns a cell that reads the same translations.
 */
export const ENUMERATION_LABELS: Record<string, Record<string, string>> = {
  fr: {
    // Articles
    news: 'Actualité',
    'press-release': 'Communiqué de presse',
    announcement: 'Annonce',
    // Editions, press coverage
    online: 'En ligne',
    'in-person': 'En présentiel',
    hybrid: 'Hybride',
    print: 'Presse écrite',
    radio: 'Radio',
    tv: 'Télévision',
    podcast: 'Podcast',
    // Partners and their roles
    company: 'Entreprise',
    'public-body': 'Organisme public',
    association: 'Association',
    'public-employment-service': 'Service public de l’emploi',
    media: 'Média',
    event: 'Événement',
    'co-organiser': 'Co-organisateur',
    funder: 'Financeur',
    'event-partner': 'Partenaire d’événement',
    'workshop-host': 'Animateur d’atelier',
    venue: 'Lieu d’accueil',
  },
  en: {
    news: 'News',
    'press-release': 'Press release',
    announcement: 'Announcement',
  },
};
