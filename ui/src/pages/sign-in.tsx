import { useEffect, useState, type FormEvent } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { Radios } from '../components/fields';
import { localErrors, NO_ERRORS, hasErrors } from '../components/form-errors';
import { usePageTitle } from '../components/page-title';
import { navigate, useLocation } from '../router';
import { developmentStaff, ROLE_NAMES, signIn, type StaffUser } from '../session';
import { Loading } from './problem-pages';

/**
 * Signing in. Locally, the development identity provider lets you choose any seeded
 * member of staff. In production staff sign in through the department's identity
 * provider, which this page says plainly rather than pretending.
 */
const describe = (u: StaffUser) =>
  `${ROLE_NAMES[u.role]}${u.teams.length ? `, ${u.teams.join(', ')}` : ''}`;

/** Only addresses in this service, so a crafted link cannot send someone elsewhere. */
const safeNext = (next: string | null) =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

export const SignInPage = () => {
  const location = useLocation();
  const [staff, setStaff] = useState<StaffUser[] | null | undefined>(undefined);
  const [chosen, setChosen] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  usePageTitle('Sign in', hasErrors(errors));

  useEffect(() => {
    developmentStaff().then(setStaff, () => setStaff(null));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return setErrors(localErrors({ user: 'Choose who to sign in as' }));
    try {
      await signIn(chosen);
      navigate(safeNext(location.query.get('next')), { replace: true });
    } catch (error) {
      setErrors({ ...localErrors({}), description: (error as Error).message });
    }
  };

  if (staff === undefined) return <Loading what="sign-in options" />;
  if (staff === null) {
    return (
      <>
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">
          Staff sign in to Casework through the department&apos;s identity provider. Ask your
          administrator for the sign-in link for your organisation.
        </p>
      </>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary
          errors={errors.links}
          description={errors.description}
          attempt={errors.attempt}
        />
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">
          This is the development identity provider: choose a member of staff to sign in as.
        </p>
        <form onSubmit={submit} noValidate>
          <Radios
            id="user"
            legend="Who are you signing in as?"
            legendClass="govuk-fieldset__legend--m"
            error={errors.byField.user}
            options={staff.map((u) => ({ value: u.id, label: u.name, hint: describe(u) }))}
            value={chosen}
            onChange={setChosen}
          />
          <button type="submit" className="govuk-button">
            Sign in
          </button>
        </form>
      </div>
    </div>
  );
};
