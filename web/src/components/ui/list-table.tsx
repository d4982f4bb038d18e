import type { ReactNode } from 'react';

/** One column: its heading, which narrow screens also show beside each cell, and the cell of an item. */
export interface ListColumn<Item> {
  label: string;
  cell: (item: Item) => ReactNode;
}

/**
 * A list of things as a table: a row per item (`rowTestId` names the rows for tests), its cells by
 * column, and its buttons last, under a heading only screen readers announce; a list without
 * `actions` has no buttons column. `empty` stands in for the table when there are no items.
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
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col">
                {column.label}
              </th>
            ))}
            {actions ? (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-testid={rowTestId}>
              {columns.map((column) => (
                <td key={column.label} data-label={column.label}>
                  {column.cell(item)}
                </td>
              ))}
              {actions ? <td className="table__actions">{actions(item)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
