import { Hono } from 'hono';

/** The floor the benchmark compares against: the same runtime and framework, no work at all. */
export default new Hono().get('/', (c) => c.text('hello'));
