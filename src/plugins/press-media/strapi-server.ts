import uploadDisposition from './server/middlewares/upload-disposition';
import pressKit from './server/services/press-kit';
import { defaultPressMediaConfig, validatePressMediaConfig } from './server/config';

// The upload plugin's own extension stays in src/extensions/upload (where Strapi looks for it) and
// calls this plugin's pipeline (server/uploadExtension.ts). The press kit's route belongs to the app,
// which hands it to the `press-kit` service; the configuration names the type and its fields.
export default {
  config: {
    default: defaultPressMediaConfig,
    validator: validatePressMediaConfig,
  },

  services: { 'press-kit': pressKit },

  // Placed in config/middlewares.ts as `plugin::press-media.upload-disposition`.
  middlewares: {
    'upload-disposition': uploadDisposition,
  },
};
