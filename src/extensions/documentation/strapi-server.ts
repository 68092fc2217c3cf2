import { addOpenApiJsonRoutes } from '../../plugins/public-api/server/openapi/openApiJson';

export default addOpenApiJsonRoutes;
