import type { ApiName, ApiParsed, ApiResult, Contract } from '../../shared/api/contract.js';
import type { DatabaseDesk } from '../services/database-move/desk.js';
import type { Gate } from '../services/gate.js';
import type { ReviewerDesk } from '../services/reviewer/desk.js';
import type { Services } from '../services/index.js';
import type { SessionUser } from '../services/session.js';

export interface HandlerContext<User extends SessionUser | null = SessionUser | null> {
  /** The signed-in user; null only for public calls made while signed out. */
  user: User;
  /** The open practice's services; reading it while the database is closed answers `locked`. */
  services: Services;
  /** Set-up, sign-in, unlock, recovery: what works while the database is closed. */
  gate: Gate;
  /** A reviewer's computer (issue 20): the reviewer profile, instead of a practice. */
  reviewer: ReviewerDesk;
  /** Admin → Database (issue 21): where the practice is kept, and its move to a server. */
  database: DatabaseDesk;
}

/** Dispatch lets no signed-out caller through to a call that is not public. */
export type UserOf<K extends ApiName> = Contract[K] extends { public: true }
  ? SessionUser | null
  : SessionUser;

export type Handler<K extends ApiName> = (
  input: ApiParsed<K>,
  ctx: HandlerContext<UserOf<K>>,
) => Promise<ApiResult<K>>;

export type HandlerMap<K extends ApiName = ApiName> = { [P in K]: Handler<P> };

/** A domain's handlers: only names from the contract, each typed by its entry. */
export const defineHandlers = <K extends ApiName>(map: HandlerMap<K>): HandlerMap<K> => map;

/** The workers the caller may see: 'all' for the owner (main/services/scope.ts). */
export const visibleWorkers = ({ services, user }: HandlerContext<SessionUser>) =>
  services.scope.visibleWorkerIds(user);
