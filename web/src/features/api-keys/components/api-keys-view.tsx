import { useRef, useState } from 'react';
import { useMe } from '@/features/auth/api/get-me';
import { can, type Role } from '@/lib/authorization';
import type { CreatedApiKey } from '../api/create-api-key';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';
import { NewApiKeyBox } from './new-api-key-box';

export function ApiKeysView({ slug, role }: { slug: string; role: Role }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const me = useMe();

  if (!can(role, 'api_key:read')) {
    return (
      <div className="page">
        <h1 className="page__title">API keys</h1>
        <p className="muted">Only owners and admins of this workspace can manage API keys.</p>
      </div>
    );
  }

  return (
    <div className="page">
      <div className="page__header">
        <h1 className="page__title">API keys</h1>
      </div>
      {created ? <NewApiKeyBox apiKey={created} onDone={() => setCreated(null)} /> : null}
      {can(role, 'api_key:create') ? (
        <section className="card panel" aria-labelledby="create-key-title">
          <h2 className="panel__title" id="create-key-title">
            New key
          </h2>
          <CreateApiKeyForm slug={slug} role={role} onCreated={setCreated} nameRef={nameField} />
        </section>
      ) : null}
      <ApiKeysTable
        slug={slug}
        myId={me.data?.user.id ?? null}
        canTransfer={can(role, 'api_key:transfer')}
        onCreateFirst={can(role, 'api_key:create') ? () => nameField.current?.focus() : undefined}
      />
    </div>
  );
}
