import { slugRoutes } from '../../../plugins/public-api/server/rest/routes';

export default slugRoutes('edition', 'editions');
