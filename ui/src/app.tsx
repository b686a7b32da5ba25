import { useEffect, useRef } from 'react';
import { Footer, Header, PhaseBanner, ServiceNavigation, SkipLink } from './components/layout';
import { ForbiddenPage, NotFoundPage } from './pages/problem-pages';
import { matchPath, navigate, useLocation, withQuery } from './router';
import { navigation, routes } from './routes';
import { signOutEverywhere } from './oidc/oidc-sign-in';
import { ROLE_NAMES, useSession } from './session';

/**
 * The shell: GOV.UK header, service navigation for the person's role, phase banner,
 * the page for the address, footer. After each navigation, focus moves to the main
 * content, as a full page load would take a screen reader there.
 */
const routeFor = (pathname: string) => {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
};

export const App = () => {
  const session = useSession();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const matched = routeFor(location.pathname);
  const mustSignIn = !session && !matched?.route.public;

  useEffect(() => {
    if (mustSignIn) {
      navigate(withQuery('/sign-in', { next: location.href === '/' ? undefined : location.href }), {
        replace: true,
      });
    }
  }, [mustSignIn, location.href]);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const role = session?.user.role;
  const items = navigation
    .filter((link) => role && link.roles.includes(role))
    .map((link) => ({
      href: link.href,
      text: link.text,
      current:
        location.pathname === link.href ||
        Boolean(link.section && location.pathname.startsWith(link.section)),
    }));

  const allowed = !matched?.route.roles || (role && matched.route.roles.includes(role));
  const Page = matched?.route.page;
  return (
    <>
      <SkipLink />
      <header className="govuk-template__header">
        <Header />
        <ServiceNavigation
          items={items}
          signedInAs={session ? `${session.user.name} (${ROLE_NAMES[session.user.role]})` : null}
          onSignOut={() => void signOutEverywhere()}
        />
      </header>
      <div className="govuk-width-container">
        <PhaseBanner />
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1} ref={main}>
          {mustSignIn ? null : !Page ? (
            <NotFoundPage />
          ) : !allowed ? (
            <ForbiddenPage />
          ) : (
            <Page key={location.pathname} params={matched.params} />
          )}
        </main>
      </div>
      <Footer />
    </>
  );
};
