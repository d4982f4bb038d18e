import { publicIdKind } from '../../kernel/ids.ts';

/** `__prefix___…`: how the API shows the id of a __item_words__. */
export const __itemVar__Ids = publicIdKind('__item__', '__prefix__');
