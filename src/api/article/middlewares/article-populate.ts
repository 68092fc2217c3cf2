import { defaultPopulate } from '../../../rest/defaultPopulate';
import { creditedImage, editionSummary, partnerSummary, personSummary } from '../../../rest/populateFragments';

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
