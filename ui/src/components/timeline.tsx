import type { ReactNode } from 'react';

export interface TimelineItem {
  id: string;
  title: string;
  byline: string;
  /** ISO 8601. */
  at: string;
  description?: ReactNode;
}

/** The MoJ timeline: what happened, by whom and when, newest first. */
export const Timeline = ({
  items,
  headingLevel = 3,
  formatTime,
}: {
  items: TimelineItem[];
  headingLevel?: 2 | 3 | 4;
  formatTime: (iso: string) => string;
}) => {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="moj-timeline">
      {items.map((item) => (
        <div className="moj-timeline__item" key={item.id}>
          <div className="moj-timeline__header">
            <Heading className="moj-timeline__title">{item.title}</Heading>{' '}
            <p className="moj-timeline__byline">by {item.byline}</p>
          </div>
          <p className="moj-timeline__date">
            <time dateTime={item.at}>{formatTime(item.at)}</time>
          </p>
          {item.description && <div className="moj-timeline__description">{item.description}</div>}
        </div>
      ))}
    </div>
  );
};
