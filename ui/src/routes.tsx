import type { ComponentType } from 'react';
import type { Role } from './session';
import { SignInPage } from './pages/sign-in';
import { SignInCallbackPage } from './pages/oidc-sign-in-page';
import { CALLBACK_PATH } from './oidc/oidc-sign-in';
import { HomePage } from './pages/home';
import { QueuePage } from './pages/queue/queue-page';
import { CasePage } from './pages/case/case-page';
import { CaseActionPage } from './pages/case/action-page';
import {
  KeyApplicationPage,
  NewApplicationPage,
} from './pages/new-application/new-application-page';
import { AuditPage } from './pages/audit/audit-page';
import { ManagementInformationPage } from './pages/management-information/mi-page';
import { IntegrationsPage } from './pages/integrations/integrations-page';
import { ImportExceptionPage } from './pages/integrations/import-exception-page';

/**
 * Every page and the service navigation. The first route whose path matches the address
 * is shown; a route with roles is shown only to people with one of them.
 */
export interface PageProps {
  params: Record<string, string>;
}

export interface Route {
  path: string;
  page: ComponentType<PageProps>;
  roles?: Role[];
  /** Shown to people who have not signed in. */
  public?: boolean;
}

export interface NavigationLink {
  href: string;
  text: string;
  roles: Role[];
  /** Addresses starting with this mark the link as the current section. */
  section?: string;
}

export const STAFF: Role[] = ['caseworker', 'team_leader', 'admin'];
export const CASE_READERS: Role[] = [...STAFF, 'auditor'];
export const EVERYONE: Role[] = [...CASE_READERS, 'integrator'];
export const MI_READERS: Role[] = ['team_leader', 'auditor', 'admin'];
export const ADMINS: Role[] = ['admin'];

export const routes: Route[] = [
  { path: '/sign-in', page: SignInPage, public: true },
  { path: CALLBACK_PATH, page: SignInCallbackPage, public: true },
  { path: '/', page: HomePage },
  { path: '/queues/:queue', page: QueuePage, roles: STAFF },
  { path: '/cases/:id', page: CasePage, roles: CASE_READERS },
  { path: '/cases/:id/actions/:action', page: CaseActionPage, roles: STAFF },
  { path: '/cases/:id/audit', page: AuditPage, roles: CASE_READERS },
  { path: '/applications/new', page: NewApplicationPage, roles: STAFF },
  { path: '/applications/new/:service/:channel', page: KeyApplicationPage, roles: STAFF },
  { path: '/management-information', page: ManagementInformationPage, roles: MI_READERS },
  { path: '/integrations', page: IntegrationsPage, roles: ADMINS },
  { path: '/integrations/:section', page: IntegrationsPage, roles: ADMINS },
  { path: '/integrations/import-exceptions/:id', page: ImportExceptionPage, roles: ADMINS },
];

export const navigation: NavigationLink[] = [
  { href: '/', text: 'Home', roles: EVERYONE, section: '/queues' },
  { href: '/applications/new', text: 'New application', roles: STAFF, section: '/applications' },
  {
    href: '/management-information',
    text: 'Management information',
    roles: MI_READERS,
  },
  { href: '/integrations', text: 'Integrations', roles: ADMINS, section: '/integrations' },
];
