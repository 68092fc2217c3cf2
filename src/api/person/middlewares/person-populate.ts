import { defaultPopulate } from '../../../rest/defaultPopulate';
import { creditedImage, partnerSummary } from '../../../rest/populateFragments';

export default defaultPopulate({
  photo: creditedImage,
  organisation: partnerSummary,
});
