import type { Core } from '@strapi/strapi';
import { ADMIN_VIEWS } from './index';
import { mergeViewPreset, presetFingerprint, type ViewConfiguration } from './mergeViewPreset';
import type { ViewPreset } from './viewPreset';

type Model = { uid: string };
type ConfigurationService = {
  findConfiguration: (model: Model) => Promise<ViewConfiguration>;
  updateConfiguration: (model: Model, configuration: ViewConfiguration) => Promise<unknown>;
};
type ContentTypesService = ConfigurationService & { findContentType: (uid: string) => Model | undefined };
type ComponentsService = ConfigurationService & { findComponent: (uid: string) => Model | undefined };

const markerKey = (uid: string) => `admin-view::${uid}`;

/**
 * Applies each view preset once per version of the preset. The fingerprint of what was applied is
 * kept in the core store: later boots leave the view alone (so staff's own adjustments in
 * "Configure the view" survive restarts) until the preset itself changes.
 * Runs after the content manager has synced its configurations with the schemas.
 */
export const applyAdminViews = async (strapi: Core.Strapi, presets: ViewPreset[] = ADMIN_VIEWS): Promise<void> => {
  const contentManager = strapi.plugin('content-manager');
  const contentTypes = contentManager.service<ContentTypesService>('content-types');
  const components = contentManager.service<ComponentsService>('components');
  const store = strapi.store({ type: 'plugin', name: 'passerelle' });

  for (const preset of presets) {
    const service: ConfigurationService = preset.isComponent ? components : contentTypes;
    const model = preset.isComponent ? components.findComponent(preset.uid) : contentTypes.findContentType(preset.uid);
    if (!model) {
      strapi.log.warn(`Admin view for ${preset.uid} skipped: no such ${preset.isComponent ? 'component' : 'content type'}.`);
      continue;
    }
    const fingerprint = presetFingerprint(preset);
    if ((await store.get({ key: markerKey(preset.uid) })) === fingerprint) continue;

    const stored = await service.findConfiguration(model);
    const { settings, metadatas, layouts } = mergeViewPreset(stored, preset);
    await service.updateConfiguration(model, { settings, metadatas, layouts });
    await store.set({ key: markerKey(preset.uid), value: fingerprint });
  }
};
