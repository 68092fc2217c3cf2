import { defaultPopulate } from '../../../rest/defaultPopulate';
import { creditedImage, editionSummary, partnerSummary } from '../../../rest/populateFragments';

export default defaultPopulate({
  outlet: true,
  quotes: true,
  photo: creditedImage,
  editions: editionSummary,
  partners: partnerSummary,
  seo: true,
});
