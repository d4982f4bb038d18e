import { describeAttachments } from '../files/attachments.test-helpers.ts';
import { create__Item__ } from './__items__.isolation.ts';

describeAttachments('__item_words__', {
  noun: '__item__',
  table: '__item_table___attachment',
  collection: '__items__',
  createOwner: create__Item__,
});
