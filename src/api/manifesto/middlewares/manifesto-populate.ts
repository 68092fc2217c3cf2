import { defaultPopulate } from '../../../rest/defaultPopulate';
import { personSummary } from '../../../rest/populateFragments';

export default defaultPopulate({
  principles: true,
  founders: { fields: personSummary.fields.filter((field) => field === 'name' || field === 'role') },
  seo: true,
});
