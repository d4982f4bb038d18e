import { publicIdKind } from '../../kernel/ids.ts';

/** A workspace's failed job: `jfl_…`. */
export const jobFailureIds = publicIdKind('jobFailure', 'jfl');
