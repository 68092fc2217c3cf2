import type { Core } from '@strapi/strapi';
import { importArchive } from './importArchive';

export default {
  services: {
    importer: ({ strapi }: { strapi: Core.Strapi }) => ({
      importArchive: (archive: unknown) => importArchive(strapi, archive),
    }),
  },
};
