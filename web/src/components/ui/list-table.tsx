import type { ReactNode } from 'react';
import { t } from '@/lib/i18n';

/** One column: its heading, which narrow screens also show beside each cell, and the cell of an item. */
export interface ListColumn<Item> {
  label: string;
  cell: (item: Item) => ReactNode;
}

/**
 * A list of things as a table: a row per item (`rowTestId` names the rows for tests), its cells by
 * column, and its buttons last, under a heading only screen readers announce; a list without
 * `actions` has no buttons column. `empty` stands in for the table when there are no items. Below
 * the `md` breakpoint every row is a stacked card, each cell under its column's label.
 */
export function ListTable<Item extends { id: string }>({
  items,
  columns,
  actions,
  rowTestId,
  empty,
}: {
  items: readonly Item[];
  columns: ReadonlyArray<ListColumn<Item>>;
  actions?: (item: Item) => ReactNode;
  rowTestId: string;
  empty?: ReactNode;
}) {
  if (items.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <div className="min-w-0 md:overflow-hidden md:rounded-lg md:border md:border-border">
      <table className="block w-full text-sm md:table">
        <thead className="sr-only md:not-sr-only md:table-header-group md:bg-subtle">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className="px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-muted">
                {column.label}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="sr-only">{t('listTable.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="flex flex-col gap-3 md:table-row-group">
          {items.map((item) => (
            <tr
              key={item.id}
              data-testid={rowTestId}
              className="flex flex-col gap-2 rounded-lg border border-border bg-surface p-3 md:table-row md:rounded-none md:border-0 md:border-t md:p-0"
            >
              {columns.map((column) => (
                <td key={column.label} className="flex min-w-0 flex-col gap-0.5 md:table-cell md:px-3 md:py-2.5 md:align-middle">
                  <span aria-hidden="true" className="text-xs font-medium text-muted md:hidden">
                    {column.label}
                  </span>
                  <div className="min-w-0 break-words">{column.cell(item)}</div>
                </td>
              ))}
              {actions ? (
                <td className="md:table-cell md:px-3 md:py-2.5 md:text-right">
                  <div className="flex flex-wrap gap-2 md:justify-end">{actions(item)}</div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
