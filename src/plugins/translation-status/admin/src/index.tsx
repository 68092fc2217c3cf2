import { Earth } from '@strapi/icons';
import { PLUGIN_ID } from './api';
import { TranslationPanel } from './components/TranslationPanel';

type ContentManagerApis = { addEditViewSidePanel: (panels: unknown[]) => void };
type App = {
  addMenuLink: (link: unknown) => void;
  registerPlugin: (plugin: unknown) => void;
  getPlugin: (id: string) => { apis: ContentManagerApis };
};

/** The panel side of translation-status: the edit view's notice and the « Traductions » page. */
export default {
  register(app: App) {
    app.registerPlugin({ id: PLUGIN_ID, name: 'Traductions' });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Earth,
      intlLabel: { id: `${PLUGIN_ID}.menu`, defaultMessage: 'Traductions' },
      permissions: [],
      Component: () => import('./pages/TranslationsPage'),
    });
  },
  bootstrap(app: App) {
    app.getPlugin('content-manager').apis.addEditViewSidePanel([TranslationPanel]);
  },
  async registerTrads() {
    return [];
  },
};
