/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { idPrefixes } from '../kernel/ids.ts';
import type { PermissionRows } from '../kernel/permissions.ts';
import { moduleIdKinds, permissions, registeredModules } from './assembly.ts';
import type { ModuleManifest } from './module.ts';

// What the folders hold, found by name the way the web app and the isolation suite find them.
const manifestFiles = import.meta.glob<ModuleManifest>('./*/*.module.ts', { eager: true });
const permissionFiles = import.meta.glob<PermissionRows>('./*/*.permissions.ts', { eager: true, import: 'permissions' });

describe('the module registry', () => {
  it("lists every module folder's manifest, once, under the folder's name", () => {
    const folders = Object.keys(manifestFiles).map((file) => file.split('/')[1]);
    const registered = registeredModules().map((m) => m.name);
    expect([...registered].sort()).toEqual([...folders].sort());
    expect(new Set(registered).size).toBe(registered.length);
  });

  it('gives every id kind its own prefix, across the platform and every module', () => {
    const prefixes = [...Object.values(idPrefixes), ...moduleIdKinds().map((kind) => kind.prefix)];
    expect(prefixes.filter((prefix, i) => prefixes.indexOf(prefix) !== i)).toEqual([]);
  });

  it('holds, in the permission table, exactly the rows of the permissions files the web app reads', () => {
    const fromFiles = Object.values(permissionFiles).flatMap((rows) => Object.entries(rows));
    expect(permissions().actions.sort()).toEqual(fromFiles.map(([action]) => action).sort());
    for (const [action, role] of fromFiles) expect(permissions().lowestRole(action as never), action).toBe(role);
  });

  it('declares idempotent routes only under a workspace, where the idempotency link runs', () => {
    const idempotent = registeredModules().flatMap((m) => m.idempotent ?? []);
    for (const path of idempotent) expect(path).toMatch(/^\/w\/\{workspace\}\//);
  });
});
