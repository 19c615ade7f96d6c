import type { ApiName, ApiParsed, ApiResult, Role } from './contract.js';
import type { Services } from '../services/index.js';

/** Who is calling. Until accounts exist (issue 3) the workstation acts as the owner. */
export interface Session {
  role: Role;
  userId: number | null;
}

export interface HandlerContext {
  session: Session;
  services: Services;
}

export type Handler<K extends ApiName> = (
  input: ApiParsed<K>,
  ctx: HandlerContext,
) => Promise<ApiResult<K>>;

export type HandlerMap<K extends ApiName = ApiName> = { [P in K]: Handler<P> };

/** A domain's handlers: only names from the contract, each typed by its entry. */
export const defineHandlers = <K extends ApiName>(map: HandlerMap<K>): HandlerMap<K> => map;
