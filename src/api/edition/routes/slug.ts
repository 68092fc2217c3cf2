import { slugRoutes } from '../../../rest/routes';

export default slugRoutes('edition', 'editions');
