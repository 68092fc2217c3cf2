import type { Core } from '@strapi/strapi';
import { generateAllFormats, type FileInProcess } from '../../plugins/press-media/server/media/responsiveImages';
import { rejectBadUploads, stripGpsFromUploads, type IncomingFile } from '../../plugins/press-media/server/media/inspectUpload';
import { mediaSettings } from '../../plugins/press-media/server/media/mediaSettings';
import { focalPointMoved, recropThumbnails, type StoredImageFile } from '../../plugins/press-media/server/media/recropThumbnails';

type ServiceFactory = (context: { strapi: Core.Strapi }) => Record<string, unknown>;
type UploadPlugin = {
  services: Record<string, ServiceFactory | Record<string, unknown>>;
  contentTypes: Record<string, { schema: { attributes: Record<string, unknown> } }>;
};
type UploadService = {
  upload: (input: { data: unknown; files: IncomingFile | IncomingFile[] }, options?: unknown) => Promise<unknown>;
  replace: (id: unknown, input: { data: unknown; file: IncomingFile }, options?: unknown) => Promise<unknown>;
  updateFileInfo: (id: unknown, info: { focalPoint?: unknown }, options?: unknown) => Promise<StoredImageFile>;
  findOne: (id: unknown) => Promise<StoredImageFile | null>;
};

const instantiate = (service: ServiceFactory | Record<string, unknown>, strapi: Core.Strapi) =>
  typeof service === 'function' ? service({ strapi }) : service;

const uploadLimits = (strapi: Core.Strapi) => ({
  sizeLimit: strapi.config.get<number | undefined>('plugin::upload.sizeLimit'),
  maxPixels: mediaSettings(strapi).maxPixels,
});

/**
 * Passerelle's media pipeline on top of Strapi's upload plugin: bad files are refused before anything
 * is stored, the original is kept byte for byte for download but for the GPS position taken out of
 * its metadata, and every image gets its formats
 * (with WebP and AVIF), a thumbnail cropped around its focal point (again when the point moves) and
 * a placeholder.
 */
export default (plugin: UploadPlugin): UploadPlugin => {
  plugin.contentTypes.file.schema.attributes.placeholder = { type: 'json', configurable: false };

  const imageManipulation = plugin.services['image-manipulation'];
  plugin.services['image-manipulation'] = ({ strapi }) => ({
    ...instantiate(imageManipulation, strapi),
    // rejectBadUploads has already decoded every image before the upload service sees it.
    isFaultyImage: () => Promise.resolve(false),
    // The thumbnail is made with the other formats, from the same decode.
    generateThumbnail: () => Promise.resolve(null),
    // Journalists download the original: it is never re-encoded; the formats are the optimised copies.
    optimize: (file: unknown) => Promise.resolve(file),
    generateResponsiveFormats: (file: FileInProcess) => generateAllFormats(strapi, file),
  });

  const upload = plugin.services.upload;
  plugin.services.upload = ({ strapi }) => {
    const service = instantiate(upload, strapi) as UploadService & Record<string, unknown>;
    return {
      ...service,
      upload: async (input: Parameters<UploadService['upload']>[0], options?: unknown) => {
        await rejectBadUploads(input.files, uploadLimits(strapi));
        await stripGpsFromUploads(input.files);
        return service.upload(input, options);
      },
      replace: async (id: unknown, input: Parameters<UploadService['replace']>[1], options?: unknown) => {
        await rejectBadUploads(input.file, uploadLimits(strapi));
        await stripGpsFromUploads(input.file);
        return service.replace(id, input, options);
      },
      // A focal point moved in the media library re-crops the thumbnails at once.
      updateFileInfo: async (id: unknown, info: { focalPoint?: unknown }, options?: unknown) => {
        const before = await service.findOne(id);
        const updated = await service.updateFileInfo(id, info, options);
        if (!focalPointMoved(before?.focalPoint, updated.focalPoint)) return updated;
        await recropThumbnails(strapi, updated);
        return service.findOne(id);
      },
    };
  };
  return plugin;
};
