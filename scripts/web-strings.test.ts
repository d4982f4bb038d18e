import { describe, expect, it } from 'vitest';
import { checkWebStrings, hardCodedStrings } from './web-strings.ts';

const found = (source: string) => hardCodedStrings('web/src/x.tsx', source).map((s) => s.text);

describe('the web app says nothing outside the message catalogue', () => {
  it('holds for the whole app', () => {
    expect(checkWebStrings()).toEqual([]);
  });

  it('finds text between tags, a string in braces and a visible attribute', () => {
    expect(found('export const A = () => <p>Hello there</p>;')).toEqual(['Hello there']);
    expect(found("export const A = () => <p>{'Hello'}</p>;")).toEqual(["'Hello'"]);
    expect(found('export const A = () => <input placeholder="Your name" aria-label="Name" />;')).toEqual(['Your name', 'Name']);
    expect(found('export const A = ({ n }: { n: number }) => <Dialog title={`Delete ${n} items?`} />;')).toEqual(['`Delete ${n} items?`']);
    expect(found("export const A = ({ on }: { on: boolean }) => <p>{on ? 'Enabled' : t('off')}</p>;")).toEqual(["'Enabled'"]);
  });

  it('finds the words of a column, an action or a toast given as an object', () => {
    expect(found("export const columns = [{ label: 'Name', cell: (m: { name: string }) => m.name }];")).toEqual(["'Name'"]);
    expect(found("addNotification({ kind: 'success', message: `Project ${name} deleted.` });")).toEqual(['`Project ${name} deleted.`']);
    expect(found("export const options = [{ value: 'dark', label: 'theme.dark' }];")).toEqual([]);
  });

  it('lets through the catalogue, punctuation, numbers and attributes nobody reads', () => {
    expect(found('export const A = () => <p className="text-muted" data-testid="row">{t(\'greeting\')} · 2</p>;')).toEqual([]);
    expect(found('export const A = ({ name }: { name: string }) => <p title={name}>{name}</p>;')).toEqual([]);
  });
});
