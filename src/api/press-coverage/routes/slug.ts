import { slugRoutes } from '../../../plugins/public-api/server/rest/routes';

export default slugRoutes('press-coverage', 'press-coverages');
