import { defaultPopulate } from '../../../rest/defaultPopulate';
import { creditedImage } from '../../../rest/populateFragments';

export default defaultPopulate({
  logo: creditedImage,
  seo: true,
});
