import { defaultPopulate } from '../../../plugins/public-api/server/rest/defaultPopulate';
import { creditedImage } from '../../../plugins/public-api/server/rest/populateFragments';

export default defaultPopulate({
  logo: creditedImage,
  seo: true,
});
