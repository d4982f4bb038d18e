import { useRef } from 'react';
import { can, type Role } from '@/lib/authorization';
import { InviteForm } from './invite-form';
import { MembersTable } from './members-table';
import { PendingInvites } from './pending-invites';
import { t } from '@/lib/i18n';
import { Card } from '@/components/ui/card';

export function MembersView({ slug, role }: { slug: string; role: Role }) {
  const emailField = useRef<HTMLInputElement>(null);
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('membersView.members')}</h1>
      </div>
      {can(role, 'invite:create') ? (
        <Card aria-labelledby="invite-title">
          <h2 className="text-lg font-semibold" id="invite-title">
            {t('membersView.inviteSomeone')}
          </h2>
          <InviteForm slug={slug} role={role} emailRef={emailField} />
        </Card>
      ) : null}
      <MembersTable slug={slug} role={role} />
      {can(role, 'invite:read') ? (
        <section aria-labelledby="pending-title">
          <h2 className="text-lg font-semibold" id="pending-title">
            {t('membersView.pendingInvitations')}
          </h2>
          <PendingInvites
            slug={slug}
            role={role}
            onInviteFirst={can(role, 'invite:create') ? () => emailField.current?.focus() : undefined}
          />
        </section>
      ) : null}
    </div>
  );
}
