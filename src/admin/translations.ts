import { frenchGaps } from './frenchGaps';
import { ENUMERATION_LABELS } from './enumerationLabels';

/** Strapi's interface texts that we word for Passerelle's staff. */
export const translations: Record<string, Record<string, string>> = {
  fr: {
    ...frenchGaps,
    ...ENUMERATION_LABELS.fr,
    'Auth.form.welcome.title': 'Bienvenue sur Passerelle',
    'Auth.form.welcome.subtitle': 'Connectez-vous pour rédiger et publier',
    'Auth.form.email.label': 'Adresse e-mail',
    'app.components.LeftMenu.navbrand.title': 'Passerelle',
    'app.components.LeftMenu.navbrand.workplace': 'Communication',
    // Strapi's French translation lacks the list column of the languages a document exists in.
    'i18n.list-view.table.header.label': 'Disponible en',
    'content-manager.containers.list.table-headers.status': 'Statut',
  },
  en: {
    ...ENUMERATION_LABELS.en,
    'Auth.form.welcome.title': 'Welcome to Passerelle',
    'Auth.form.welcome.subtitle': 'Log in to write and publish',
    'app.components.LeftMenu.navbrand.title': 'Passerelle',
    'app.components.LeftMenu.navbrand.workplace': 'Communications',
    'content-manager.containers.list.table-headers.status': 'Status',
  },
};
