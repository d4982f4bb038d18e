import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { paths } from '@/config/paths';
import { fieldErrorsOf } from '@/lib/api-client';
import type { WorkspaceSettings } from '../api/get-workspace';
import { useUpdateWorkspace } from '../api/update-workspace';
import { WorkspaceLogo } from './workspace-logo';

export function WorkspaceSettingsForm({ workspace, canEdit }: { workspace: WorkspaceSettings; canEdit: boolean }) {
  const navigate = useNavigate();
  const [name, setName] = useState(workspace.name);
  const [slug, setSlug] = useState(workspace.slug);
  const [saved, setSaved] = useState(false);
  const update = useUpdateWorkspace({
    onSuccess: (updated) => {
      setSaved(true);
      if (updated.slug !== workspace.slug) void navigate(paths.workspace.settings.getHref(updated.slug), { replace: true });
    },
  });
  const fields = fieldErrorsOf(update.error);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const input = {
      ...(name.trim() !== workspace.name ? { name: name.trim() } : {}),
      ...(slug.trim() !== workspace.slug ? { slug: slug.trim() } : {}),
    };
    if (Object.keys(input).length > 0) update.mutate({ slug: workspace.slug, input });
  };

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      <div className="flex flex-col gap-1.5">
        <span className="text-sm font-medium">Logo</span>
        <WorkspaceLogo name={workspace.name} />
        <p className="text-sm text-muted">No logo is set; the workspace shows its initial.</p>
      </div>
      <TextField
        label="Workspace name"
        name="name"
        required
        disabled={!canEdit}
        value={name}
        onChange={(e) => setName(e.target.value)}
        errors={fields.name}
      />
      <TextField
        label="Slug"
        name="slug"
        autoComplete="off"
        spellCheck={false}
        disabled={!canEdit}
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        hint="Used in URLs such as /w/acme. After a change, the old slug keeps working for API calls."
        errors={fields.slug}
      />
      <FormError error={update.error} shown={['name', 'slug']} />
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" isLoading={update.isPending}>
            Save changes
          </Button>
          {saved ? (
            <span role="status" className="text-muted">
              Saved.
            </span>
          ) : null}
        </div>
      ) : (
        <p className="text-muted">Admins and owners can change these settings.</p>
      )}
    </form>
  );
}
