import { type FormEvent, type Ref, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { inviteRolesFor, type Role } from '@/lib/authorization';
import { addNotification } from '@/stores/notifications';
import { type InviteRole, useCreateInvite } from '../api/create-invite';

const roleLabel: Record<InviteRole, string> = {
  viewer: 'Viewer (read only)',
  member: 'Member (read and write the workspace’s data)',
  admin: 'Admin (also manage members, teams and keys)',
};

export function InviteForm({ slug, role, emailRef }: { slug: string; role: Role; emailRef?: Ref<HTMLInputElement> }) {
  const allowed = inviteRolesFor(role);
  const [email, setEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<InviteRole>('member');
  const create = useCreateInvite({
    onSuccess: () => {
      addNotification({ kind: 'success', message: `Invitation sent to ${email.trim()}` });
      setEmail('');
    },
  });
  const fields = fieldErrorsOf(create.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ slug, input: { email: email.trim(), role: inviteRole } });
  };

  return (
    <form className="form form--row" noValidate onSubmit={onSubmit}>
      <TextField
        label="Email address"
        ref={emailRef}
        type="email"
        name="email"
        autoComplete="off"
        required
        placeholder="name@example.com"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={fields.email}
      />
      <SelectField
        label="Invite as"
        name="role"
        options={allowed.map((r) => ({ value: r, label: roleLabel[r] }))}
        value={inviteRole}
        onChange={(e) => {
          const next = allowed.find((r) => r === e.target.value);
          if (next) setInviteRole(next);
        }}
        hint="The link works once, for this address only, and expires in 7 days."
        errors={fields.role}
      />
      <FormError error={create.error} shown={['email', 'role']} />
      <div className="form__actions">
        <Button type="submit" isLoading={create.isPending}>
          Send invitation
        </Button>
      </div>
    </form>
  );
}
