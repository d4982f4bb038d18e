import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../kernel/errors.ts';
import { lockOwners } from './members.repo.ts';

const needsAnOwner = 'A workspace needs an owner: make someone else owner first';

/**
 * Refuses a change that would leave the current workspace without an owner: removing, demoting or
 * letting leave `userId` when they are its only owner. Locks the owners' rows, ordered by id, so two
 * concurrent changes are decided one after the other. Call it inside the transaction that makes the
 * change (member removal, role change, leaving the workspace), before locking or writing any other
 * membership row: the owners' rows are always locked first, which keeps concurrent changes from
 * deadlocking.
 *
 * `refusal` words the 409 for the caller; a function is called only when the change is refused, so
 * a caller can look up what its message needs without a round trip on the way that passes.
 *
 * @example
 * await assertNotLastOwner(tx, member.userId); // throws LAST_OWNER (409) when they are the only owner
 */
export async function assertNotLastOwner(tx: Tx, userId: string, refusal: string | (() => Promise<string>) = needsAnOwner): Promise<void> {
  const owners = await lockCurrentOwners(tx);
  if (owners.every((ownerId) => ownerId === userId)) {
    throw new AppError('LAST_OWNER', typeof refusal === 'string' ? refusal : await refusal());
  }
}

/**
 * The user ids of the current workspace's owners, their rows locked (ordered by id) until the
 * transaction ends: the lock `assertNotLastOwner` takes, for a caller that applies its own rule to
 * the owners it counts (account deletion). Take it before locking or writing any other membership
 * row of the workspace.
 */
export async function lockCurrentOwners(tx: Tx): Promise<string[]> {
  let owners = await lockOwners(tx);
  // Every owner this statement's snapshot knew of stopped being one while it waited for their rows
  // (an ownership transfer committed meanwhile). Read again, to see and lock the owners it made.
  if (owners.length === 0) owners = await lockOwners(tx);
  return owners.map((owner) => owner.userId);
}
