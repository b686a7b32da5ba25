import { useEffect, useState, type FormEvent } from 'react';
import { FormErrorSummary } from '../components/error-summary';
import { Radios } from '../components/fields';
import { localErrors, NO_ERRORS, hasErrors } from '../components/form-errors';
import { usePageTitle } from '../components/page-title';
import { navigate, useLocation } from '../router';
import { developmentStaff, ROLE_NAMES, signIn, type StaffUser } from '../session';
import { signInConfig, type SignInConfig } from '../oidc/provider';
import { Loading } from './problem-pages';
import { OidcSignIn, safeNext } from './oidc-sign-in-page';

/**
 * Signing in. Locally, the development identity provider lets you choose any seeded
 * member of staff. In production staff sign in through the department's OIDC provider.
 */
const describe = (u: StaffUser) =>
  `${ROLE_NAMES[u.role]}${u.teams.length ? `, ${u.teams.join(', ')}` : ''}`;

export const SignInPage = () => {
  const [config, setConfig] = useState<SignInConfig | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  usePageTitle('Sign in');
  useEffect(() => {
    signInConfig().then(setConfig, (error: Error) => setProblem(error.message));
  }, []);
  if (problem) {
    return (
      <>
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">{problem}</p>
      </>
    );
  }
  if (!config) return <Loading what="sign-in options" />;
  return config.mode === 'oidc' ? <OidcSignIn oidc={config} /> : <DevelopmentSignIn />;
};

const DevelopmentSignIn = () => {
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
    return <p className="govuk-body">The development identity provider is not running.</p>;
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} />
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
