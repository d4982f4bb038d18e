import { useRef, useState } from 'react';
import { useMe } from '@/features/auth/api/get-me';
import { can, type Role } from '@/lib/authorization';
import type { CreatedApiKey } from '../api/create-api-key';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';
import { SecretReveal } from '@/components/ui/secret-reveal';
import { t } from '@/lib/i18n';
import { Card } from '@/components/ui/card';

export function ApiKeysView({ slug, role }: { slug: string; role: Role }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const nameField = useRef<HTMLInputElement>(null);
  const me = useMe();

  if (!can(role, 'api_key:read')) {
    return (
      <div className="flex min-w-0 flex-col gap-6">
        <h1 className="text-2xl font-semibold tracking-tight">{t('apiKeysView.apiKeys')}</h1>
        <p className="text-muted">{t('apiKeysView.onlyOwnersAndAdmins')}</p>
      </div>
    );
  }

  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">{t('apiKeysView.apiKeys')}</h1>
      </div>
      {created ? (
        <SecretReveal
          title={t('newApiKeyBox.created', { name: created.name })}
          warning={t('newApiKeyBox.copyThisKeyNow')}
          secret={created.key}
          doneLabel={t('newApiKeyBox.iHaveCopiedThe')}
          testId="new-api-key"
          onDone={() => setCreated(null)}
        />
      ) : null}
      {can(role, 'api_key:create') ? (
        <Card aria-labelledby="create-key-title">
          <h2 className="text-lg font-semibold" id="create-key-title">
            {t('apiKeysView.newKey')}
          </h2>
          <CreateApiKeyForm slug={slug} role={role} onCreated={setCreated} nameRef={nameField} />
        </Card>
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
