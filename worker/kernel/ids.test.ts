import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { type IdKind, idPrefixes, mintPublicId, newUuid, parsePublicId, publicIdKind, toPublicId } from './ids.ts';

// Kinds of the shape a module declares (its `<m>.ids.ts`), beside the kernel's own table.
const team = publicIdKind('team', 'team');
const user = publicIdKind('user', 'usr');
const apiKey = publicIdKind('apiKey', 'key');

describe('public ids', () => {
  it('round-trips every kind with its prefix', () => {
    for (const kind of Object.keys(idPrefixes) as IdKind[]) {
      const uuid = newUuid();
      const id = toPublicId(kind, uuid);
      expect(id).toMatch(new RegExp(`^${idPrefixes[kind]}_[0-9a-z]{25}$`));
      expect(parsePublicId(kind, id)).toBe(uuid);
    }
  });

  it('round-trips the extremes of the uuid range', () => {
    for (const uuid of [
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      '01234567-89ab-cdef-0123-456789abcdef',
    ]) {
      const id = team.toPublic(uuid);
      expect(id).toHaveLength('team_'.length + 25);
      expect(team.parse(id)).toBe(uuid);
    }
  });

  it('keeps creation order in string order', () => {
    const ids = Array.from({ length: 50 }, () => team.toPublic(newUuid()));
    expect([...ids].sort()).toEqual(ids);
  });

  it('mints an id with no row behind it as the public id of a fresh UUIDv7, in creation order', () => {
    const before = Date.now();
    const ids = Array.from({ length: 50 }, () => mintPublicId('request'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) {
      const uuid = parsePublicId('request', id);
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(toPublicId('request', uuid as string)).toBe(id);
      const millis = Number.parseInt((uuid as string).replace('-', '').slice(0, 12), 16);
      expect(millis).toBeGreaterThanOrEqual(before);
      expect(millis).toBeLessThanOrEqual(Date.now());
    }
  });

  it('refuses an id of another kind', () => {
    const uuid = newUuid();
    expect(team.parse(toPublicId('workspace', uuid))).toBeNull();
    expect(parsePublicId('workspace', team.toPublic(uuid))).toBeNull();
    expect(user.parse(apiKey.toPublic(uuid))).toBeNull();
  });

  it('refuses malformed ids', () => {
    const good = team.toPublic(newUuid());
    const body = good.slice('team_'.length);
    for (const bad of [
      '',
      'team_',
      'team',
      `team${body}`,
      `team_${body.slice(1)}`,
      `team_${body}0`,
      `team_${body.toUpperCase().replace(/^[0-9]+/, 'A')}`,
      `team_${body.slice(0, -1)}-`,
      `team_${body.slice(0, -1)} `,
      `PRJ_${body}`,
      ` team_${body}`,
      `team_${'z'.repeat(25)}`, // more than 128 bits
      `team_${body}`.replace(/.$/, '\u0000'),
    ]) {
      expect(team.parse(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('reads a malformed id as a missing resource', () => {
    const uuid = newUuid();
    expect(team.require(team.toPublic(uuid), 'Team')).toBe(uuid);
    let thrown: unknown;
    try {
      team.require('team_nope', 'Team');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('NOT_FOUND');
    expect((thrown as AppError).message).toBe('Team not found');
  });
});

describe('publicIdKind: a module-owned id kind', () => {
  const widgets = publicIdKind('widget', 'wdg');

  it('round-trips like a platform kind, and reads ids of other kinds as null', () => {
    const uuid = newUuid();
    const id = widgets.toPublic(uuid);
    expect(id).toMatch(/^wdg_[0-9a-z]{25}$/);
    expect(widgets.parse(id)).toBe(uuid);
    expect(widgets.require(id, 'Widget')).toBe(uuid);
    expect(widgets.parse(team.toPublic(uuid))).toBeNull();
    expect(() => widgets.require('wdg_nope', 'Widget')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'Widget not found' }),
    );
  });

  it('refuses a prefix that is not 2 to 5 lowercase letters', () => {
    for (const bad of ['w', 'WDG', 'wdg_', 'widgets']) expect(() => publicIdKind('widget', bad)).toThrow(/2 to 5 lowercase letters/);
  });
});
