import type { Core } from '@strapi/strapi';

/**
 * Every use press-media makes of Strapi's upload plugin beyond its documented surface, in one place.
 * Checked against @strapi/upload 5.54.0 (packages/core/upload/server/src): the service names, their
 * method signatures and the `file` content type's attributes are internal and may change in a minor.
 * After a Strapi upgrade, read those files again and run the media tests (media-formats,
 * image-in-responses, image-metadata, bad-uploads, press-kit).
 */

/** Strapi's own upload plugin as `src/extensions/upload/strapi-server.ts` receives it. */
export type UploadPlugin = {
  services: Record<string, ServiceFactory | Record<string, unknown>>;
  contentTypes: Record<string, { schema: { attributes: Record<string, unknown> } }>;
};
type ServiceFactory = (context: { strapi: Core.Strapi }) => Record<string, unknown>;

/** A file as formidable hands it to the `upload` service. */
export type IncomingFile = { filepath: string; originalFilename?: string | null; mimetype?: string | null; size: number };

/** The `upload` service methods wrapped below (5.54.0: services/upload.ts). */
type UploadService = {
  upload: (input: { data: unknown; files: IncomingFile | IncomingFile[] }, options?: unknown) => Promise<unknown>;
  replace: (id: unknown, input: { data: unknown; file: IncomingFile }, options?: unknown) => Promise<unknown>;
  updateFileInfo: (id: unknown, info: { focalPoint?: unknown }, options?: unknown) => Promise<{ focalPoint?: unknown }>;
  findOne: (id: unknown) => Promise<{ focalPoint?: unknown } | null>;
};

/** What press-media does at each step the upload plugin takes. */
export type UploadHooks<StoredFile, FileInProcess> = {
  /** Before anything of the request is stored: refuse a bad file (throws), strip GPS positions. */
  beforeStore: (strapi: Core.Strapi, files: IncomingFile | IncomingFile[]) => Promise<void>;
  /** Every format of an image, replacing Strapi's `generateResponsiveFormats` (5.54.0: services/image-manipulation.ts). */
  generateFormats: (strapi: Core.Strapi, file: FileInProcess) => Promise<unknown>;
  /** After the media library saved file info: whether the focal point moved, and what to do then. */
  focalPointMoved: (before: unknown, after: unknown) => boolean;
  afterFocalPointMoved: (strapi: Core.Strapi, file: StoredFile) => Promise<void>;
};

const instantiate = (service: ServiceFactory | Record<string, unknown>, strapi: Core.Strapi) =>
  typeof service === 'function' ? service({ strapi }) : service;

/**
 * Wraps the upload plugin's `image-manipulation` and `upload` services, and adds a `placeholder`
 * column to its `file` content type. Services are factories of `{ strapi }` in 5.54.0.
 */
export const extendUploadPlugin = <StoredFile, FileInProcess>(
  plugin: UploadPlugin,
  hooks: UploadHooks<StoredFile, FileInProcess>
): UploadPlugin => {
  plugin.contentTypes.file.schema.attributes.placeholder = { type: 'json', configurable: false };

  const imageManipulation = plugin.services['image-manipulation'];
  plugin.services['image-manipulation'] = ({ strapi }) => ({
    ...instantiate(imageManipulation, strapi),
    // beforeStore has already decoded every image before the upload service sees it.
    isFaultyImage: () => Promise.resolve(false),
    // The thumbnail is made with the other formats, from the same decode.
    generateThumbnail: () => Promise.resolve(null),
    // Journalists download the original: it is never re-encoded; the formats are the optimised copies.
    optimize: (file: unknown) => Promise.resolve(file),
    generateResponsiveFormats: (file: FileInProcess) => hooks.generateFormats(strapi, file),
  });

  const upload = plugin.services.upload;
  plugin.services.upload = ({ strapi }) => {
    const service = instantiate(upload, strapi) as UploadService & Record<string, unknown>;
    return {
      ...service,
      upload: async (input: Parameters<UploadService['upload']>[0], options?: unknown) => {
        await hooks.beforeStore(strapi, input.files);
        return service.upload(input, options);
      },
      replace: async (id: unknown, input: Parameters<UploadService['replace']>[1], options?: unknown) => {
        await hooks.beforeStore(strapi, input.file);
        return service.replace(id, input, options);
      },
      // A focal point moved in the media library re-crops the thumbnails at once.
      updateFileInfo: async (id: unknown, info: { focalPoint?: unknown }, options?: unknown) => {
        const before = await service.findOne(id);
        const updated = await service.updateFileInfo(id, info, options);
        if (!hooks.focalPointMoved(before?.focalPoint, updated.focalPoint)) return updated;
        await hooks.afterFocalPointMoved(strapi, updated as StoredFile);
        return service.findOne(id);
      },
    };
  };
  return plugin;
};

/** The media library's settings (`responsiveDimensions`…), kept in the store by the `upload` service (5.54.0: getSettings). */
export const uploadSettings = async (strapi: Core.Strapi): Promise<{ responsiveDimensions?: boolean } | null> =>
  (await strapi.plugin('upload').service('upload').getSettings()) as { responsiveDimensions?: boolean } | null;

/** The configured provider's name, as stored on each file (5.54.0: `plugin::upload.provider`). */
export const uploadProviderName = (strapi: Core.Strapi): unknown => strapi.config.get('plugin::upload.provider');

/** Stores one rendered format through the provider service (5.54.0: services/provider.ts `upload`, which fills `url`). */
export const storeFormat = async (strapi: Core.Strapi, format: unknown): Promise<void> => {
  const providerService = strapi.plugin('upload').service<{ upload: (format: unknown) => Promise<void> }>('provider');
  await providerService.upload(format);
};

/** Deletes one stored format through the provider instance itself (5.54.0: `plugin.provider`). */
export const deleteFormat = async (strapi: Core.Strapi, format: unknown): Promise<void> => {
  const provider = strapi.plugin('upload').provider as { delete: (format: unknown) => Promise<void> };
  await provider.delete(format);
};

/** Writes a file's `formats` without the upload service's side effects (no re-render, no webhook). */
export const saveFormats = async (strapi: Core.Strapi, fileId: number, formats: Record<string, unknown>): Promise<void> => {
  await strapi.db.query('plugin::upload.file').update({ where: { id: fileId }, data: { formats } });
};
