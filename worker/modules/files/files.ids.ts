import { publicIdKind } from '../../kernel/ids.ts';

/** `fil_…`: how the API shows a file's id. */
export const fileIds = publicIdKind('file', 'fil');
