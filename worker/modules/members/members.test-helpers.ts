import { call, createWorkspace, sessionCookieFrom, signUp, unique } from '../../test/client.ts';
import { addMember } from '../../test/db.ts';
import { parsePublicId } from '../../kernel/ids.ts';

export type Person = Awaited<ReturnType<typeof signUp>>;

/** Signs up with a chosen address (invites are bound to one). */
export async function signUpAs(email: string, name = 'Invitee') {
  const password = 'correct horse battery staple';
  const res = await call('POST', '/api/v1/auth/signup', { body: { email, password, name } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  return { email, password, cookie: sessionCookieFrom(res.headers), user: res.json.user as { id: string } };
}

export const newAddress = () => `${unique('invitee')}@example.com`;

const inviteLink = /\/invites\/([A-Za-z0-9_-]{43})/;

/**
 * The invitation mails sent to `email`, newest first (signing up sends that address a verification
 * mail too), waiting up to 15 s for at least `atLeast`: the mail.send job sends them after the response.
 */
async function invitationMails(email: string, atLeast: number): Promise<Array<{ text: string }>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const res = await call('GET', `/api/dev/inbox?to=${encodeURIComponent(email)}`);
    const found = (res.json.data as Array<{ text: string }>).filter((m) => inviteLink.test(m.text));
    if (found.length >= atLeast || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The newest invitation link's token sent to `email`, once `count` invitations have arrived. */
export async function inviteTokenFor(email: string, count = 1): Promise<string> {
  const [message] = await invitationMails(email, count);
  const token = message ? inviteLink.exec(message.text)?.[1] : undefined;
  if (!token) throw new Error(`no invitation mail for ${email}`);
  return token;
}

/** How many invitations `email` received, once at least `atLeast` have arrived (or 15 s passed). */
export const inviteMailCount = async (email: string, atLeast = 0): Promise<number> => (await invitationMails(email, atLeast)).length;

/** An owner with a workspace, and people with each other role in it. */
export async function workspaceWithRoles() {
  const owner = await signUp('Olivia Owner');
  const ws = await createWorkspace(owner.cookie, 'Team Space');
  const wsId = parsePublicId('workspace', ws.id) as string;
  const people: Record<'admin' | 'member' | 'viewer', Person> = {
    admin: await signUp('Adam Admin'),
    member: await signUp('Mia Member'),
    viewer: await signUp('Vic Viewer'),
  };
  for (const role of ['admin', 'member', 'viewer'] as const) {
    await addMember(wsId, parsePublicId('user', people[role].user.id) as string, role);
  }
  return { owner, ws, wsId, ...people };
}

/** The member id (`mem_…`) of a person in a workspace, as the members list shows it. */
export async function memberIdOf(cookie: string, slug: string, userId: string): Promise<string> {
  const res = await call('GET', `/api/v1/w/${slug}/members`, { cookie });
  if (res.status !== 200) throw new Error(`members failed: ${res.status} ${res.text}`);
  const found = (res.json.items as Array<{ id: string; user: { id: string } }>).find((m) => m.user.id === userId);
  if (!found) throw new Error('not a member');
  return found.id;
}
