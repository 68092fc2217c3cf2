import { defaultPopulate } from '../../../plugins/public-api/server/rest/defaultPopulate';
import { creditedImage, editionSummary, partnerSummary } from '../../../plugins/public-api/server/rest/populateFragments';

export default defaultPopulate({
  outlet: true,
  quotes: true,
  photo: creditedImage,
  editions: editionSummary,
  partners: partnerSummary,
  seo: true,
});
