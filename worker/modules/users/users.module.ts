import { defineModule } from '../module.ts';

/** A person's status (disabled or not); no routes of its own, other modules call its service. */
export const usersModule = defineModule({ name: 'users' });
