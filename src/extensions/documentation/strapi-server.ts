import { addOpenApiJsonRoutes } from '../../openapi/openApiJson';

export default addOpenApiJsonRoutes;
