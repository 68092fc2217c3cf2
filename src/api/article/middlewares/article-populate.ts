import { defaultPopulate } from '../../../plugins/public-api/server/rest/defaultPopulate';
import { creditedImage, editionSummary, partnerSummary, personSummary } from '../../../plugins/public-api/server/rest/populateFragments';

export default defaultPopulate({
  cover: creditedImage,
  pressImages: creditedImage,
  attachments: true,
  tags: true,
  editions: editionSummary,
  partners: partnerSummary,
  pressContacts: personSummary,
  seo: true,
});
