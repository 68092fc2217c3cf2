import { defaultPopulate } from '../../../plugins/public-api/server/rest/defaultPopulate';
import { creditedImage, partnerSummary, programmeSummary } from '../../../plugins/public-api/server/rest/populateFragments';

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
