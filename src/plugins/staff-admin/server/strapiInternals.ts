import type { Core } from '@strapi/strapi';
import type { ViewConfiguration } from './admin-views/mergeViewPreset';

/**
 * Every undocumented or private Strapi API the staff-admin plugin relies on, in one place. Checked
 * against Strapi 5.54.0: on an upgrade, read each against the new release first
 * (tests/api/admin-views.test.ts fails when one changes).
 */

type Model = { uid: string };
type ConfigurationService = {
  findConfiguration: (model: Model) => Promise<ViewConfiguration>;
  updateConfiguration: (model: Model, configuration: ViewConfiguration) => Promise<unknown>;
};
type ContentTypesService = ConfigurationService & { findContentType: (uid: string) => Model | undefined };
type ComponentsService = ConfigurationService & { findComponent: (uid: string) => Model | undefined };

/**
 * The content manager's stored view of a type or component, read and replaced through its
 * `content-types` and `components` services (5.54.0: @strapi/content-manager server/src/services),
 * which are what its "Configure the view" page calls.
 */
export const contentManagerViews = (strapi: Core.Strapi) => {
  const contentManager = strapi.plugin('content-manager');
  const contentTypes = contentManager.service<ContentTypesService>('content-types');
  const components = contentManager.service<ComponentsService>('components');
  return {
    find: (uid: string, isComponent: boolean): Model | undefined =>
      isComponent ? components.findComponent(uid) : contentTypes.findContentType(uid),
    read: (model: Model, isComponent: boolean) => (isComponent ? components : contentTypes).findConfiguration(model),
    write: (model: Model, isComponent: boolean, configuration: ViewConfiguration) =>
      (isComponent ? components : contentTypes).updateConfiguration(model, configuration),
  };
};
