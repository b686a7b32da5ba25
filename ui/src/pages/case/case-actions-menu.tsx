import { useDesignSystem } from '../../components/use-design-system';
import { Link } from '../../router';
import { CASE_ACTIONS, type CaseAction } from './case-actions';
import { actionPath } from './case-ids';

/**
 * The actions open to this person now, as an MoJ button menu: an "Actions" button that
 * opens a menu of links (arrow keys move through it, Escape closes it); a single action is
 * a button of its own. MoJ's script moves the links into the menu it builds, so React must
 * not change them in place: the case page mounts a fresh menu whenever the actions change
 * (keyed by them), and each menu is started once.
 */
export const CaseActionsMenu = ({ caseId, actions }: { caseId: string; actions: CaseAction[] }) => {
  const ref = useDesignSystem<HTMLDivElement>();
  return (
    <div ref={ref} className="govuk-!-margin-bottom-6">
      <div
        className="moj-button-menu"
        data-module="moj-button-menu"
        data-button-text="Actions"
        data-button-classes="govuk-button--secondary"
      >
        {actions.map((action) => (
          <Link
            key={action}
            className="govuk-button govuk-button--secondary moj-button-menu__item"
            href={actionPath(caseId, action)}
            draggable={false}
          >
            {CASE_ACTIONS[action].label}
          </Link>
        ))}
      </div>
    </div>
  );
};
