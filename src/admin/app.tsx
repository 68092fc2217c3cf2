import { preferDefaultLanguage } from './defaultLanguage';
import { translations } from './translations';

// The admin panel for Passerelle's communications staff: French first, English available.
export default {
  config: {
    locales: ['fr'],
    translations,
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap() {
    preferDefaultLanguage(window.localStorage);
  },
};
