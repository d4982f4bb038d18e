import { SelectField } from '@/components/ui/field';
import { TabsList, TabsTrigger } from '@/components/ui/tabs';
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
/** The status a tab stands for; "all" is no status filter. */
export const asStatus = (value: string) => (isStatus(value) ? value : undefined);

/** The status filter as tabs over the list (the list is the panel, `ProjectsView`). */
export function StatusTabs() {
  return (
    <TabsList aria-label={t('projectFilters.show')}>
      {statusOptions.map((option) => (
        <TabsTrigger key={option.value} value={option.value}>
          {option.label}
        </TabsTrigger>
      ))}
    </TabsList>
  );
}
const asSort = (value: string): ProjectSort | undefined => sortOptions.find((option) => option.value === value)?.value;

/** How the list is sorted; the status is chosen with `StatusTabs`. */
export function ProjectSortField({ filters, onChange }: { filters: Filters; onChange: (filters: Filters) => void }) {
  return (
    <SelectField
      label={t('projectFilters.sortBy')}
      className="sm:w-56"
      options={sortOptions}
      value={filters.sort ?? '-created_at'}
      onChange={(e) => {
        const sort = asSort(e.target.value);
        onChange({ ...(filters.status ? { status: filters.status } : {}), ...(sort ? { sort } : {}) });
      }}
    />
  );
}
