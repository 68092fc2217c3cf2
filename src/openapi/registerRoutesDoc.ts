import type { Core } from '@strapi/strapi';
import { passerelleRoutesDoc } from './passerelleRoutesDoc';

/** Adds the custom routes to the documentation plugin's generated OpenAPI document, when the plugin is there. */
export const registerRoutesDoc = (strapi: Core.Strapi): void => {
  const documentation = strapi.plugin('documentation');
  if (!documentation) return;
  const serverUrl = (strapi.config.get('server.absoluteUrl') as string | undefined) ?? '';
  documentation.service('override').registerOverride(passerelleRoutesDoc({ serverUrl }));
};
