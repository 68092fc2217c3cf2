import { slugRoutes } from '../../../rest/routes';

export default slugRoutes('partner', 'partners');
