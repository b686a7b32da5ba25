import { createAll } from 'govuk-frontend';
import { FilterToggleButton } from '@ministryofjustice/frontend';
import type { ReactNode } from 'react';
import { useDesignSystem, type DesignSystemStart } from './use-design-system';

/**
 * The MoJ filter layout: the filter beside the content, and above the content an action
 * bar holding MoJ's filter toggle button ("Show filter" / "Hide filter"). On wide screens
 * the filter starts shown; on narrow ones it starts hidden and opens over the page with a
 * close button. MoJ's `initAll` leaves the toggle out (its button lives outside the
 * filter), so the layout starts it, once per mount. The filter's outermost element
 * (`.moj-filter`, `data-module="moj-filter"`) must stay the same element while the layout
 * is mounted: the toggle shows and hides it by class.
 */
const startFilterToggle: DesignSystemStart = (scope, onError) => {
  createAll(
    FilterToggleButton,
    {
      startHidden: false,
      toggleButtonContainer: { element: scope.querySelector('.moj-action-bar__filter') },
    },
    { scope, onError },
  );
};

export const FilterLayout = ({ filter, children }: { filter: ReactNode; children: ReactNode }) => {
  const ref = useDesignSystem<HTMLDivElement>(startFilterToggle);
  return (
    <div className="moj-filter-layout" ref={ref}>
      <div className="moj-filter-layout__filter">{filter}</div>
      <div className="moj-filter-layout__content">
        <div className="moj-action-bar">
          <div className="moj-action-bar__filter" />
        </div>
        {children}
      </div>
    </div>
  );
};
