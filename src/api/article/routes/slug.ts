import { slugRoutes } from '../../../rest/routes';

export default slugRoutes('article', 'articles');
