// The workspace's contract, precompiled: the model and validators `pnpm generate` wrote from openapi.yaml.
import { model } from './generated/model.ts';
import { validators } from './generated/validators.ts';
import type { Contract } from './model.ts';

/**
 * openapi.yaml as the gateway core runs it.
 * @example createGateway({ contract, ... })
 */
export const contract: Contract = { model, validators };
export { model, validators };
