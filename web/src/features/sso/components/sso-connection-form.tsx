import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { type SaveSsoConnectionInput, type SsoConnection, useSaveSsoConnection } from '../api/sso-connection';

type DefaultRole = NonNullable<SaveSsoConnectionInput['default_role']>;
const roles: ReadonlyArray<{ value: DefaultRole; label: string }> = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'member', label: 'Member' },
  { value: 'admin', label: 'Admin' },
];

/** The identity provider's issuer and the client registered there; the secret is write-only. */
export function SsoConnectionForm({ slug, connection }: { slug: string; connection: SsoConnection | null }) {
  const [issuer, setIssuer] = useState(connection?.issuer ?? '');
  const [clientId, setClientId] = useState(connection?.client_id ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [defaultRole, setDefaultRole] = useState<DefaultRole>(connection?.default_role ?? 'member');
  const save = useSaveSsoConnection();
  const fields = fieldErrorsOf(save.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(
      {
        slug,
        input: {
          issuer: issuer.trim(),
          client_id: clientId.trim(),
          default_role: defaultRole,
          ...(clientSecret ? { client_secret: clientSecret } : {}),
        },
      },
      { onSuccess: () => setClientSecret('') },
    );
  };

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      <TextField
        label="Issuer URL"
        name="issuer"
        required
        value={issuer}
        onChange={(e) => setIssuer(e.target.value)}
        errors={fields.issuer}
        hint="Okta, Entra ID, Google Workspace, Keycloak, Zitadel, Casdoor, Ory Hydra… its /.well-known/openid-configuration is read when you save."
      />
      <TextField
        label="Client ID"
        name="client_id"
        required
        value={clientId}
        onChange={(e) => setClientId(e.target.value)}
        errors={fields.client_id}
      />
      <TextField
        label="Client secret"
        type="password"
        name="client_secret"
        autoComplete="off"
        value={clientSecret}
        onChange={(e) => setClientSecret(e.target.value)}
        errors={fields.client_secret}
        hint={connection ? 'Leave empty to keep the stored secret.' : 'Stored encrypted; never shown again.'}
      />
      <SelectField
        label="Role for new members"
        name="default_role"
        options={roles}
        value={defaultRole}
        onChange={(e) => setDefaultRole(roles.find((r) => r.value === e.target.value)?.value ?? 'member')}
        hint="People your identity provider signs in join this workspace with this role."
      />
      <FormError error={save.error} shown={['issuer', 'client_id', 'client_secret']} />
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={save.isPending}>
          Save connection
        </Button>
      </div>
    </form>
  );
}
