import { defaultPopulate } from '../../../rest/defaultPopulate';
import { creditedImage, partnerSummary, programmeSummary } from '../../../rest/populateFragments';

export default defaultPopulate({
  programme: programmeSummary,
  territory: true,
  launchEvent: true,
  workshops: { populate: { host: partnerSummary } },
  partners: { populate: { partner: partnerSummary } },
  outcomes: true,
  cover: creditedImage,
  seo: true,
});
