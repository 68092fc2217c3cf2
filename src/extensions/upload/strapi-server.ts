import type { Core } from '@strapi/strapi';
import { generateAllFormats, type FileInProcess } from '../../media/responsiveImages';

type ServiceFactory = (context: { strapi: Core.Strapi }) => Record<string, unknown>;
type UploadPlugin = {
  services: Record<string, ServiceFactory | Record<string, unknown>>;
  contentTypes: Record<string, { schema: { attributes: Record<string, unknown> } }>;
};

const instantiate = (service: ServiceFactory | Record<string, unknown>, strapi: Core.Strapi) =>
  typeof service === 'function' ? service({ strapi }) : service;

/**
 * Passerelle's media pipeline on top of Strapi's upload plugin: the original is kept byte for byte for
 * download, and every image gets its formats (with WebP and AVIF), a focal-point thumbnail and a
 * placeholder.
 */
export default (plugin: UploadPlugin): UploadPlugin => {
  plugin.contentTypes.file.schema.attributes.placeholder = { type: 'json', configurable: false };

  const imageManipulation = plugin.services['image-manipulation'];
  plugin.services['image-manipulation'] = ({ strapi }) => ({
    ...instantiate(imageManipulation, strapi),
    // The thumbnail is made with the other formats, from the same decode.
    generateThumbnail: async () => null,
    // Journalists download the original: it is never re-encoded; the formats are the optimised copies.
    optimize: async (file: unknown) => file,
    generateResponsiveFormats: (file: FileInProcess) => generateAllFormats(strapi, file),
  });

  return plugin;
};
