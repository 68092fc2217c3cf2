import type { Core } from '@strapi/strapi';
import { generateAllFormats, type FileInProcess } from './media/responsiveImages';
import { rejectBadUploads, stripGpsFromUploads } from './media/inspectUpload';
import { mediaSettings } from './media/mediaSettings';
import { focalPointMoved, recropThumbnails, type StoredImageFile } from './media/recropThumbnails';
import { extendUploadPlugin, type UploadPlugin } from './strapiInternals';

const uploadLimits = (strapi: Core.Strapi) => ({
  sizeLimit: strapi.config.get<number | undefined>('plugin::upload.sizeLimit'),
  maxPixels: mediaSettings(strapi).maxPixels,
});

/**
 * The press media pipeline on top of Strapi's upload plugin, for the app's
 * `src/extensions/upload/strapi-server.ts` (where Strapi looks for it): bad files are refused before
 * anything is stored, the original is kept byte for byte for download but for the GPS position taken
 * out of its metadata, and every image gets its formats (with WebP and AVIF), a thumbnail cropped
 * around its focal point (again when the point moves) and a placeholder.
 */
export const pressMediaUploadExtension = (plugin: UploadPlugin): UploadPlugin =>
  extendUploadPlugin<StoredImageFile, FileInProcess>(plugin, {
    beforeStore: async (strapi, files) => {
      await rejectBadUploads(files, uploadLimits(strapi));
      await stripGpsFromUploads(files);
    },
    generateFormats: generateAllFormats,
    focalPointMoved,
    afterFocalPointMoved: recropThumbnails,
  });
