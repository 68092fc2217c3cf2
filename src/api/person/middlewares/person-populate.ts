import { defaultPopulate } from '../../../plugins/public-api/server/rest/defaultPopulate';
import { creditedImage, partnerSummary } from '../../../plugins/public-api/server/rest/populateFragments';

export default defaultPopulate({
  photo: creditedImage,
  organisation: partnerSummary,
});
