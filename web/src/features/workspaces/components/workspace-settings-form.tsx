import { useState } from 'react';
import { useNavigate } from 'react-router';
import { workspaceChangesInput } from '../../../../../worker/modules/workspaces/workspaces.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { paths } from '@/config/paths';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import type { WorkspaceSettings } from '../api/get-workspace';
import { useUpdateWorkspace } from '../api/update-workspace';
import { WorkspaceLogoSection } from './workspace-logo-section';

export function WorkspaceSettingsForm({ workspace, canEdit }: { workspace: WorkspaceSettings; canEdit: boolean }) {
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const update = useUpdateWorkspace({
    onSuccess: (updated) => {
      setSaved(true);
      if (updated.slug !== workspace.slug) void navigate(paths.workspace.settings.getHref(updated.slug), { replace: true });
    },
  });
  const form = useSchemaForm(workspaceChangesInput, {
    defaultValues: { name: workspace.name, slug: workspace.slug },
    serverError: update.error,
  });

  const onSubmit = form.handleSubmit(({ name, slug }) => {
    setSaved(false);
    const input = {
      ...(name !== undefined && name !== workspace.name ? { name } : {}),
      ...(slug !== undefined && slug !== workspace.slug ? { slug } : {}),
    };
    if (Object.keys(input).length > 0) update.mutate({ slug: workspace.slug, input });
  });

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      <WorkspaceLogoSection workspace={workspace} canEdit={canEdit} />
      <TextField label={t('workspaces.name')} required disabled={!canEdit} {...form.register('name')} errors={form.errorsOf('name')} />
      <TextField
        label={t('workspaces.slug')}
        autoComplete="off"
        spellCheck={false}
        disabled={!canEdit}
        {...form.register('slug', { setValueAs: (value: string) => value.trim() })}
        hint={t('workspaces.slugChangeHint')}
        errors={form.errorsOf('slug')}
      />
      <FormError error={update.error} shown={['name', 'slug']} />
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" isLoading={update.isPending}>
            {t('action.saveChanges')}
          </Button>
          {saved ? (
            <span role="status" className="text-muted">
              {t('form.savedShort')}
            </span>
          ) : null}
        </div>
      ) : (
        <p className="text-muted">{t('workspaces.adminsOnly')}</p>
      )}
    </form>
  );
}
