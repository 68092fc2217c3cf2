import type { Core } from '@strapi/strapi';
import { mergeViewPreset, presetFingerprint } from './mergeViewPreset';
import type { ViewPreset } from './viewPreset';
import { contentManagerViews } from '../strapiInternals';

const markerKey = (uid: string) => `admin-view::${uid}`;

/**
 * Applies each view preset once per version of the preset. The fingerprint of what was applied is
 * kept in the core store: later boots leave the view alone (so staff's own adjustments in
 * "Configure the view" survive restarts) until the preset itself changes.
 * Runs after the content manager has synced its configurations with the schemas.
 */
export const applyAdminViews = async (strapi: Core.Strapi, presets: ViewPreset[]): Promise<void> => {
  const views = contentManagerViews(strapi);
  const store = strapi.store({ type: 'plugin', name: 'passerelle' });

  for (const preset of presets) {
    const isComponent = preset.isComponent === true;
    const model = views.find(preset.uid, isComponent);
    if (!model) {
      strapi.log.warn(`Admin view for ${preset.uid} skipped: no such ${preset.isComponent ? 'component' : 'content type'}.`);
      continue;
    }
    const fingerprint = presetFingerprint(preset);
    if ((await store.get({ key: markerKey(preset.uid) })) === fingerprint) continue;

    const stored = await views.read(model, isComponent);
    const { settings, metadatas, layouts } = mergeViewPreset(stored, preset);
    await views.write(model, isComponent, { settings, metadatas, layouts });
    await store.set({ key: markerKey(preset.uid), value: fingerprint });
  }
};
