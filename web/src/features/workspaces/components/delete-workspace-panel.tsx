import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { paths } from '@/config/paths';
import { formatDate } from '@/lib/format';
import { useDeleteWorkspace } from '../api/delete-workspace';
import type { WorkspaceSettings } from '../api/get-workspace';

/** The owner's danger zone: a soft delete, confirmed by typing the slug. */
export function DeleteWorkspacePanel({ workspace }: { workspace: WorkspaceSettings }) {
  const navigate = useNavigate();
  const [confirmation, setConfirmation] = useState('');
  const remove = useDeleteWorkspace({ onSuccess: (deleted) => navigate(paths.workspace.root.getHref(deleted.slug)) });
  const graceEnds = formatDate(new Date(Date.now() + 30 * 86_400_000).toISOString());

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirmation === workspace.slug) remove.mutate(workspace.slug);
  };

  return (
    <section className="danger-zone" aria-labelledby="delete-workspace-title">
      <h2 id="delete-workspace-title" className="panel__title">
        Delete workspace
      </h2>
      <p className="muted">
        The workspace disappears for every member at once. You can restore it until about {graceEnds}; after 30 days it is removed for good,
        with its data, keys and audit log.
      </p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          label="Type the slug to confirm"
          name="confirmation"
          autoComplete="off"
          spellCheck={false}
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
        />
        <FormError error={remove.error} shown={[]} />
        <div className="form__actions">
          <Button type="submit" variant="danger" disabled={confirmation !== workspace.slug} isLoading={remove.isPending}>
            Delete workspace
          </Button>
        </div>
      </form>
    </section>
  );
}
