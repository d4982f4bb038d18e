import { Link, useNavigate } from 'react-router';
import { Button, buttonClass } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { FormError } from '@/components/ui/form-error';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { useLogoutUser } from '@/features/auth/api/logout-user';
import { isApiError } from '@/lib/api-client';
import { useAcceptInvitation } from '../api/accept-invitation';
import { type Invitation, useInvitation } from '../api/get-invitation';
import { roleLabel } from '@/lib/authorization';
import { t } from '@/lib/i18n';
import { tRich } from '@/lib/rich-text';

const unusable: Record<Exclude<Invitation['status'], 'pending'>, string> = {
  expired: 'This invitation has expired. Ask the person who invited you for a new one.',
  accepted: 'This invitation has already been used.',
  revoked: 'This invitation was withdrawn.',
};

function SignedOut({ token, invitation }: { token: string; invitation: Invitation }) {
  const here = paths.invitation.getHref(token);
  return (
    <>
      <p>{tRich('invitationView.signUpOrLog', { email: <strong>{invitation.email}</strong> })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <Link className={buttonClass()} to={paths.auth.signup.getHref(here)}>
          {t('invitationView.signUp')}
        </Link>
        <Link className={buttonClass('secondary')} to={paths.auth.login.getHref(here)}>
          {t('invitationView.logIn')}
        </Link>
      </div>
    </>
  );
}

function WrongAccount({ email, invitation }: { email: string; invitation: Invitation }) {
  const logout = useLogoutUser();
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-danger/40 bg-danger-soft p-3 text-sm sm:flex-row sm:items-center"
      role="alert"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="min-w-0 break-words">{t('invitationView.youAreSignedIn', { email, invited: invitation.email })}</p>
      </div>
      <Button variant="secondary" size="sm" isLoading={logout.isPending} onClick={() => logout.mutate()}>
        {t('invitationView.logOut')}
      </Button>
    </div>
  );
}

function Accept({ token, invitation }: { token: string; invitation: Invitation }) {
  const navigate = useNavigate();
  const accept = useAcceptInvitation({
    onSuccess: (accepted) => navigate(paths.workspace.root.getHref(accepted.workspace.slug), { replace: true }),
  });
  return (
    <>
      <FormError error={accept.error} shown={[]} />
      <Button isLoading={accept.isPending} onClick={() => accept.mutate({ token })}>
        {t('invitationView.join', { name: invitation.workspace.name })}
      </Button>
    </>
  );
}

/** The page an invitation link opens: who invited whom where, and the one next step. */
export function InvitationView({ token }: { token: string }) {
  const invitation = useInvitation(token);
  const me = useMe();

  if (invitation.isPending || me.isPending) return <PageSpinner />;
  if (invitation.isError) {
    if (isApiError(invitation.error) && invitation.error.status === 404) {
      return <p>{t('invitationView.thisInvitationLinkIs')}</p>;
    }
    return <ErrorBanner error={invitation.error} onRetry={() => invitation.refetch()} />;
  }
  const data = invitation.data;
  const workspace = <strong>{data.workspace.name}</strong>;
  const role = roleLabel(data.role);
  return (
    <div>
      <p>
        {data.inviter_name
          ? tRich('invitationView.invitedBy', { inviter: data.inviter_name, workspace, role })
          : tRich('invitationView.invited', { workspace, role })}
      </p>
      {data.status !== 'pending' ? (
        <p role="alert">{unusable[data.status]}</p>
      ) : !me.data ? (
        <SignedOut token={token} invitation={data} />
      ) : me.data.user.email !== data.email ? (
        <WrongAccount email={me.data.user.email} invitation={data} />
      ) : (
        <Accept token={token} invitation={data} />
      )}
    </div>
  );
}
