import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../kernel/errors.ts';
import { lockOwners } from './members.repo.ts';

/**
 * Refuses a change that would leave the current workspace without an owner: removing, demoting or
 * letting leave `userId` when they are its only owner. Locks the owners' rows, so two concurrent
 * changes are decided one after the other. Call it inside the transaction that makes the change
 * (member removal, role change, leaving the workspace), before locking or writing any other
 * membership row: the owners' rows are always locked first, which keeps concurrent changes from
 * deadlocking.
 *
 * @example
 * await assertNotLastOwner(tx, member.userId); // throws LAST_OWNER (409) when they are the only owner
 */
export async function assertNotLastOwner(tx: Tx, userId: string): Promise<void> {
  const owners = await lockOwners(tx);
  if (owners.every((owner) => owner.userId === userId)) {
    throw new AppError('LAST_OWNER', 'A workspace needs an owner: make someone else owner first');
  }
}
