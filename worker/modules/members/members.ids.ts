import { publicIdKind } from '../../kernel/ids.ts';

/** A membership of a workspace: `mem_…`. */
export const membershipIds = publicIdKind('membership', 'mem');

/** An invitation to a workspace: `inv_…`. */
export const inviteIds = publicIdKind('invite', 'inv');

/** A team of a workspace: `team_…`. */
export const teamIds = publicIdKind('team', 'team');
