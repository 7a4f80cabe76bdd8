export {
  AUTHORIZER_SCHEME,
  HTTP_METHODS,
  PLACEHOLDERS,
  SPEC_PATH,
  SpecError,
  findPlaceholders,
  isObject,
  listOperations,
  loadSpec,
  parseSpec,
  resourceServerOf,
  substitutePlaceholders,
} from './spec.ts';
export type { HttpMethod, OpenApiDocument, Operation, PlaceholderName, ResourceServer } from './spec.ts';
export { checkSpec } from './rules.ts';
export type { Problem } from './rules.ts';
export { buildModel, compileContract, contractAjv, defaultClients, readOnlyScopes, rebaseRefs, specScopes } from './model.ts';
export type { Contract, ContractModel, OperationModel } from './model.ts';
