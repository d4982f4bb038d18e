import { hc } from 'hono/client';
import type { AppType } from '../../../worker/app.ts';

export const probe = hc<AppType>('/');
export type ProbeList = ReturnType<typeof probe.api.v1.w[':workspace']['projects']['$get']>;
