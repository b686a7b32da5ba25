import { Link } from '../router';
import { GovukLogo } from './govuk-logo';
import { useDesignSystem } from './use-design-system';

/** The GOV.UK page furniture around every page: skip link, header, service navigation, phase banner, footer. */
export const SkipLink = () => {
  const ref = useDesignSystem<HTMLDivElement>();
  return (
    <div ref={ref}>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
        Skip to main content
      </a>
    </div>
  );
};

export const Header = () => (
  <div className="govuk-header">
    <div className="govuk-header__container govuk-width-container">
      <div className="govuk-header__logo">
        <Link href="/" className="govuk-header__homepage-link">
          <GovukLogo className="govuk-header__logotype" withLogotype />
        </Link>
      </div>
    </div>
  </div>
);

export interface NavigationItem {
  href: string;
  text: string;
  current: boolean;
}

export const ServiceNavigation = ({
  items,
  signedInAs,
  onSignOut,
}: {
  items: NavigationItem[];
  signedInAs: string | null;
  onSignOut: () => void;
}) => {
  const ref = useDesignSystem<HTMLDivElement>();
  return (
    <div ref={ref}>
      <section
        aria-label="Service information"
        className="govuk-service-navigation"
        data-module="govuk-service-navigation"
      >
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <Link href="/" className="govuk-service-navigation__link">
                Casework
              </Link>
            </span>
            {signedInAs && (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <button
                  type="button"
                  className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                  aria-controls="navigation"
                  hidden
                >
                  Menu
                </button>
                <ul className="govuk-service-navigation__list" id="navigation">
                  {items.map((item) => (
                    <li
                      key={item.href}
                      className={`govuk-service-navigation__item${item.current ? ' govuk-service-navigation__item--active' : ''}`}
                    >
                      <Link
                        className="govuk-service-navigation__link"
                        href={item.href}
                        aria-current={item.current ? 'page' : undefined}
                      >
                        {item.current ? (
                          <strong className="govuk-service-navigation__active-fallback">
                            {item.text}
                          </strong>
                        ) : (
                          item.text
                        )}
                      </Link>
                    </li>
                  ))}
                  <li className="govuk-service-navigation__item">
                    <span className="govuk-service-navigation__text">{signedInAs}</span>
                  </li>
                  <li className="govuk-service-navigation__item">
                    <Link
                      className="govuk-service-navigation__link"
                      href="/sign-in"
                      onClick={onSignOut}
                    >
                      Sign out
                    </Link>
                  </li>
                </ul>
              </nav>
            )}
          </div>
        </div>
      </section>
    </div>
  );
};

export const PhaseBanner = () => (
  <div className="govuk-phase-banner">
    <p className="govuk-phase-banner__content">
      <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
      <span className="govuk-phase-banner__text">
        This is a new service. Tell your team leader if something does not work as you expect.
      </span>
    </p>
  </div>
);

const LICENCE_LOGO =
  'M421.5 142.8V.1l-50.7 32.3v161.1h112.4v-50.7zm-122.3-9.6A47.12 47.12 0 0 1 221 97.8c0-26 21.1-47.1 47.1-47.1 16.7 0 31.4 8.7 39.7 21.8l42.7-27.2A97.63 97.63 0 0 0 268.1 0c-36.5 0-68.3 20.1-85.1 49.7A98 98 0 0 0 97.8 0C43.9 0 0 43.9 0 97.8s43.9 97.8 97.8 97.8c36.5 0 68.3-20.1 85.1-49.7a97.76 97.76 0 0 0 149.6 25.4l19.4 22.2h3v-87.8h-80l24.3 27.5zM97.8 145c-26 0-47.1-21.1-47.1-47.1s21.1-47.1 47.1-47.1 47.2 21 47.2 47S123.8 145 97.8 145';

export const Footer = () => (
  <footer className="govuk-footer">
    <div className="govuk-width-container">
      <GovukLogo className="govuk-footer__crown" withLogotype={false} />
      <div className="govuk-footer__meta">
        <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <svg
            aria-hidden="true"
            focusable="false"
            className="govuk-footer__licence-logo"
            xmlns="http://www.w3.org/2000/svg"
            viewBox="0 0 483.2 195.7"
            height="17"
            width="41"
          >
            <path fill="currentColor" d={LICENCE_LOGO} />
          </svg>
          <span className="govuk-footer__licence-description">
            All content is available under the{' '}
            <a
              className="govuk-footer__link"
              href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
              rel="license"
            >
              Open Government Licence v3.0
            </a>
            , except where otherwise stated
          </span>
        </div>
        <div className="govuk-footer__meta-item">
          <a
            className="govuk-footer__link govuk-footer__copyright-logo"
            href="https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/"
          >
            © Crown copyright
          </a>
        </div>
      </div>
    </div>
  </footer>
);
