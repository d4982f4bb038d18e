import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/actor.ts';
import { permissions as table } from '../assembly.ts';
import { permissions } from './projects.permissions.ts';

const Y = true;
const N = false;
/** The sample module's rows, cell by cell, as the app's assembled table decides them. */
const expected: Record<keyof typeof permissions, Record<Role, boolean>> = {
  'project:read': { owner: Y, admin: Y, member: Y, viewer: Y },
  'project:create': { owner: Y, admin: Y, member: Y, viewer: N },
  'project:update': { owner: Y, admin: Y, member: Y, viewer: N },
  'project:delete': { owner: Y, admin: Y, member: N, viewer: N },
  'project:import': { owner: Y, admin: Y, member: Y, viewer: N },
};

describe("the projects module's permission rows", () => {
  it("are in the app's table, each cell as expected", () => {
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(expected).sort());
    for (const [action, cells] of Object.entries(expected)) {
      for (const [role, allowed] of Object.entries(cells))
        expect(table().allows(role as Role, action as keyof typeof permissions), `${role} ${action}`).toBe(allowed);
    }
  });
});
