import { useRef } from 'react';
import { can, type Role } from '@/lib/authorization';
import { InviteForm } from './invite-form';
import { MembersTable } from './members-table';
import { PendingInvites } from './pending-invites';

export function MembersView({ slug, role }: { slug: string; role: Role }) {
  const emailField = useRef<HTMLInputElement>(null);
  return (
    <div className="page">
      <div className="page__header">
        <h1 className="page__title">Members</h1>
      </div>
      {can(role, 'invite:create') ? (
        <section className="card panel" aria-labelledby="invite-title">
          <h2 className="panel__title" id="invite-title">
            Invite someone
          </h2>
          <InviteForm slug={slug} role={role} emailRef={emailField} />
        </section>
      ) : null}
      <MembersTable slug={slug} role={role} />
      {can(role, 'invite:read') ? (
        <section aria-labelledby="pending-title">
          <h2 className="panel__title" id="pending-title">
            Pending invitations
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
