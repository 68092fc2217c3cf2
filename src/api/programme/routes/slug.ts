import { slugRoutes } from '../../../rest/routes';

export default slugRoutes('programme', 'programmes');
