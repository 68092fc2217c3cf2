import uploadDisposition from './server/middlewares/upload-disposition';

// The upload plugin's own extension stays in src/extensions/upload (where Strapi looks for it) and
// calls this plugin's pipeline; the press kit route belongs to the article API.
export default {
  // Placed in config/middlewares.ts as `plugin::press-media.upload-disposition`.
  middlewares: {
    'upload-disposition': uploadDisposition,
  },
};
