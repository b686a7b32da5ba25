import { Link } from '../router';

/** The GOV.UK arrow for each direction; the two halves of the block differ only in these. */
const ARROWS = {
  prev: {
    title: 'Previous',
    path: 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z',
  },
  next: {
    title: 'Next',
    path: 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z',
  },
} as const;

const PageLink = ({ direction, href }: { direction: keyof typeof ARROWS; href: string }) => (
  <div className={`govuk-pagination__${direction}`}>
    <Link className="govuk-link govuk-pagination__link" href={href} rel={direction}>
      <svg
        className={`govuk-pagination__icon govuk-pagination__icon--${direction}`}
        xmlns="http://www.w3.org/2000/svg"
        height="13"
        width="15"
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 15 13"
      >
        <path d={ARROWS[direction].path} />
      </svg>
      <span className="govuk-pagination__link-title">
        {ARROWS[direction].title}
        <span className="govuk-visually-hidden"> page</span>
      </span>
    </Link>
  </div>
);

/** GOV.UK pagination with previous and next links (queues page by cursor, so there are no page numbers). */
export const Pagination = ({
  previous,
  next,
  label = 'Pages',
}: {
  previous?: string | null;
  next?: string | null;
  label?: string;
}) =>
  previous || next ? (
    <nav className="govuk-pagination govuk-pagination--block" aria-label={label}>
      {previous && <PageLink direction="prev" href={previous} />}
      {next && <PageLink direction="next" href={next} />}
    </nav>
  ) : null;
