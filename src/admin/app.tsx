import { preferDefaultLanguage } from './defaultLanguage';
import { translations } from './translations';
import { turnOffGuidedTour } from './guidedTour';
import { labelEnumerationColumns } from './enumerationColumns';

// The admin panel for Passerelle's communications staff: French first, English available.
export default {
  config: {
    locales: ['fr'],
    translations,
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(app: { registerHook: (name: string, hook: (args: never) => unknown) => void }) {
    preferDefaultLanguage(window.localStorage);
    turnOffGuidedTour(window.localStorage);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', labelEnumerationColumns);
  },
};
