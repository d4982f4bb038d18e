import { SelectField } from '@/components/ui/field';
import { type ProjectSort, type ProjectStatus, projectSorts, projectStatuses } from '@/types/api';
import type { ProjectFilters as Filters } from '../api/get-projects';

const statusOptions = [
  { value: 'all', label: 'All projects' },
  { value: 'active', label: 'Active' },
  { value: 'archived', label: 'Archived' },
] as const;

const sortOptions = [
  { value: '-created_at', label: 'Newest first' },
  { value: 'created_at', label: 'Oldest first' },
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
] as const;

const asStatus = (value: string) => projectStatuses.find((s): s is ProjectStatus => s === value);
const asSort = (value: string) => projectSorts.find((s): s is ProjectSort => s === value);

export function ProjectFilters({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
}) {
  const update = (status: ProjectStatus | undefined, sort: ProjectSort | undefined) =>
    onChange({ ...(status ? { status } : {}), ...(sort ? { sort } : {}) });

  return (
    <div className="filters">
      <SelectField
        label="Show"
        className="field--inline"
        options={statusOptions}
        value={filters.status ?? 'all'}
        onChange={(e) => update(asStatus(e.target.value), filters.sort)}
      />
      <SelectField
        label="Sort by"
        className="field--inline"
        options={sortOptions}
        value={filters.sort ?? '-created_at'}
        onChange={(e) => update(filters.status, asSort(e.target.value))}
      />
    </div>
  );
}
