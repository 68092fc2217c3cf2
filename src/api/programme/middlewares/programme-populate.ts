import { defaultPopulate } from '../../../plugins/public-api/server/rest/defaultPopulate';
import { editionSummary } from '../../../plugins/public-api/server/rest/populateFragments';

export default defaultPopulate({
  aims: true,
  editions: editionSummary,
  seo: true,
});
