import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { type IdKind, idPrefixes, newUuid, parsePublicId, requirePublicId, toPublicId } from './ids.ts';

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
    for (const uuid of ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '01234567-89ab-cdef-0123-456789abcdef']) {
      const id = toPublicId('project', uuid);
      expect(id).toHaveLength('prj_'.length + 25);
      expect(parsePublicId('project', id)).toBe(uuid);
    }
  });

  it('keeps creation order in string order', () => {
    const ids = Array.from({ length: 50 }, () => toPublicId('project', newUuid()));
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses an id of another kind', () => {
    const uuid = newUuid();
    expect(parsePublicId('project', toPublicId('workspace', uuid))).toBeNull();
    expect(parsePublicId('workspace', toPublicId('project', uuid))).toBeNull();
    expect(parsePublicId('user', toPublicId('apiKey', uuid))).toBeNull();
  });

  it('refuses malformed ids', () => {
    const good = toPublicId('project', newUuid());
    const body = good.slice(4);
    for (const bad of [
      '',
      'prj_',
      'prj',
      `prj${body}`,
      `prj_${body.slice(1)}`,
      `prj_${body}0`,
      `prj_${body.toUpperCase().replace(/^[0-9]+/, 'A')}`,
      `prj_${body.slice(0, -1)}-`,
      `prj_${body.slice(0, -1)} `,
      `PRJ_${body}`,
      ` prj_${body}`,
      `prj_${'z'.repeat(25)}`, // more than 128 bits
      `prj_${body}`.replace(/.$/, '\u0000'),
    ]) {
      expect(parsePublicId('project', bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('reads a malformed id as a missing resource', () => {
    const uuid = newUuid();
    expect(requirePublicId('project', toPublicId('project', uuid), 'Project')).toBe(uuid);
    let thrown: unknown;
    try {
      requirePublicId('project', 'prj_nope', 'Project');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('NOT_FOUND');
    expect((thrown as AppError).message).toBe('Project not found');
  });
});
