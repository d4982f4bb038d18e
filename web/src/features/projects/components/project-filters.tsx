import { SelectField } from '@/components/ui/field';
import type { ProjectStatus } from '../api/get-project';
import type { ProjectFilters as Filters, ProjectSort } from '../api/get-projects';
import { t } from '@/lib/i18n';

// The option values are checked against the statuses and sorts the API accepts.
const statusOptions = [
  { value: 'all', label: t('projectFilters.allProjects') },
  { value: 'active', label: t('projectFilters.active') },
  { value: 'archived', label: t('projectFilters.archived') },
] as const satisfies ReadonlyArray<{ value: ProjectStatus | 'all'; label: string }>;

const sortOptions = [
  { value: '-created_at', label: t('projectFilters.newestFirst') },
  { value: 'created_at', label: t('projectFilters.oldestFirst') },
  { value: 'name', label: t('projectFilters.nameAZ') },
  { value: '-name', label: t('projectFilters.nameZA') },
] as const satisfies ReadonlyArray<{ value: ProjectSort; label: string }>;

const isStatus = (value: string): value is ProjectStatus => value !== 'all' && statusOptions.some((option) => option.value === value);
const asStatus = (value: string) => (isStatus(value) ? value : undefined);
const asSort = (value: string): ProjectSort | undefined => sortOptions.find((option) => option.value === value)?.value;

export function ProjectFilters({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) {
  const update = (status: ProjectStatus | undefined, sort: ProjectSort | undefined) =>
    onChange({ ...(status ? { status } : {}), ...(sort ? { sort } : {}) });

  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <SelectField
        label={t('projectFilters.show')}
        className="sm:w-56"
        options={statusOptions}
        value={filters.status ?? 'all'}
        onChange={(e) => update(asStatus(e.target.value), filters.sort)}
      />
      <SelectField
        label={t('projectFilters.sortBy')}
        className="sm:w-56"
        options={sortOptions}
        value={filters.sort ?? '-created_at'}
        onChange={(e) => update(filters.status, asSort(e.target.value))}
      />
    </div>
  );
}
