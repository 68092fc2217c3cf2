import { defaultPopulate } from '../../../plugins/public-api/server/rest/defaultPopulate';
import { personSummary } from '../../../plugins/public-api/server/rest/populateFragments';

export default defaultPopulate({
  principles: true,
  founders: { fields: personSummary.fields.filter((field) => field === 'name' || field === 'role') },
  seo: true,
});
