import { Link } from '../router';

/** The MoJ sub navigation: the parts of one section of the back office, the current one marked. */
export const SubNavigation = ({
  label,
  items,
  current,
}: {
  label: string;
  items: { href: string; text: string }[];
  current: string;
}) => (
  <nav className="moj-sub-navigation" aria-label={label}>
    <ul className="moj-sub-navigation__list">
      {items.map((item) => (
        <li className="moj-sub-navigation__item" key={item.href}>
          <Link
            className="moj-sub-navigation__link"
            href={item.href}
            aria-current={item.href === current ? 'page' : undefined}
          >
            {item.text}
          </Link>
        </li>
      ))}
    </ul>
  </nav>
);
