import { defaultPopulate } from '../../../rest/defaultPopulate';
import { editionSummary } from '../../../rest/populateFragments';

export default defaultPopulate({
  aims: true,
  editions: editionSummary,
  seo: true,
});
