import { describe, expect, it } from 'vitest';
import { call } from '../../test/client.ts';

describe('projects in the API document', () => {
  it('carry examples, with an id of their own kind', async () => {
    const schemas = (await call('GET', '/api/v1/openapi.json')).json.components.schemas;
    expect(schemas.CreateProjectRequest.example).toBeTypeOf('object');
    expect(schemas.Project.example.id).toMatch(/^prj_/);
  });
});
