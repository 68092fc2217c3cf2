import { slugRoutes } from '../../../rest/routes';

export default slugRoutes('press-coverage', 'press-coverages');
