import {
  Building2,
  Files,
  Fingerprint,
  KeyRound,
  KeySquare,
  LaptopMinimal,
  type LucideIcon,
  Puzzle,
  Settings,
  ShieldCheck,
  User,
  Users,
  TriangleAlert,
  UsersRound,
  Webhook,
} from 'lucide-react';
import { paths } from '@/config/paths';
import { workspaceFeatures } from '@/config/workspace-features';
import { can, type Role } from '@/lib/authorization';
import { t } from '@/lib/i18n';

export interface NavItem {
  label: string;
  href: string;
  icon: LucideIcon;
  /** Matches nested pages too (a team under Teams). */
  end?: boolean;
}

/** A workspace's sidebar: the module entries from the feature registry first, then its own sections. */
export function workspaceNav(slug: string, role: Role): NavItem[] {
  return [
    ...workspaceFeatures.map((feature) => ({ label: feature.label, href: feature.home(slug), icon: feature.icon ?? Puzzle })),
    { label: t('nav.members'), href: paths.workspace.members.getHref(slug), icon: Users },
    { label: t('nav.teams'), href: paths.workspace.teams.getHref(slug), icon: UsersRound },
    { label: t('nav.files'), href: paths.workspace.files.getHref(slug), icon: Files },
    ...(can(role, 'api_key:read') ? [{ label: t('nav.apiKeys'), href: paths.workspace.apiKeys.getHref(slug), icon: KeyRound }] : []),
    { label: t('nav.settings'), href: paths.workspace.settings.getHref(slug), icon: Settings },
  ];
}

/** The sections of the workspace settings page. */
export function workspaceSettingsNav(slug: string, role: Role): NavItem[] {
  return [
    { label: t('nav.general'), href: paths.workspace.settings.getHref(slug), icon: Building2, end: true },
    ...(can(role, 'sso:manage') ? [{ label: t('nav.sso'), href: paths.workspace.sso.getHref(slug), icon: ShieldCheck }] : []),
    ...(can(role, 'webhook:manage') ? [{ label: t('nav.webhooks'), href: paths.workspace.webhooks.getHref(slug), icon: Webhook }] : []),
    ...(can(role, 'job_failure:read')
      ? [{ label: t('nav.jobFailures'), href: paths.workspace.jobFailures.getHref(slug), icon: TriangleAlert }]
      : []),
  ];
}

/** The sections of the account settings page. */
export function accountNav(): NavItem[] {
  return [
    { label: t('nav.profile'), href: paths.settings.account.getHref(), icon: User },
    { label: t('nav.security'), href: paths.settings.security.getHref(), icon: ShieldCheck },
    { label: t('nav.password'), href: paths.settings.password.getHref(), icon: KeySquare },
    { label: t('nav.signInMethods'), href: paths.settings.signInMethods.getHref(), icon: Fingerprint },
    { label: t('nav.accessTokens'), href: paths.settings.accessTokens.getHref(), icon: KeyRound },
    { label: t('nav.sessions'), href: paths.settings.sessions.getHref(), icon: LaptopMinimal },
  ];
}
