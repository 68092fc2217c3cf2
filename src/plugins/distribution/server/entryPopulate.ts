import { creditedImage } from '../../public-api/server/rest/populateFragments';

/** What a public entry needs loaded besides its own fields: its cover with the file, and tags or outlet. */
export const ENTRY_POPULATE = {
  article: { cover: creditedImage, tags: true },
  pressCoverage: { photo: creditedImage, outlet: true },
  edition: { cover: creditedImage },
};
