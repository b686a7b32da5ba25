import { z } from 'zod';

/** Who can do what is decided by role (and, for caseworkers, team). */
export const ROLES = ['caseworker', 'team_leader', 'auditor', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/**
 * What an integrator's key may do: submit applications and read their status (`intake`),
 * manage its webhook endpoints (`webhooks`), record applicants' satisfaction with the
 * service on the cases it submitted (`satisfaction`).
 */
export const API_KEY_SCOPES = ['intake', 'webhooks', 'satisfaction'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The person or system making a request. */
export interface Principal {
  kind: 'staff' | 'integrator';
  id: string;
  name: string;
  role: Role;
  /** Teams whose cases a caseworker or team leader works. */
  teams: string[];
  /** What an integrator's API key allows. */
  scopes: ApiKeyScope[];
}
