import { Sparkles } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { paths } from '@/config/paths';
import { planName } from '@/config/plans';
import { messageOf, upgradeOf } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { buttonClass } from './button';

/**
 * What the app shows wherever the API refuses for the plan (PLAN_REQUIRED, LIMIT_REACHED,
 * TRIAL_ENDED): the plan that unlocks it, the API's own sentence, and the way to the billing page.
 * ErrorBanner and FormError hand such errors here, so every gated screen gets it.
 */
export function UpgradePrompt({ error }: { error: unknown }) {
  const { slug } = useParams();
  const hint = upgradeOf(error);
  if (!hint) return null;
  const plan = hint.plan ? planName(hint.plan) : null;
  const title =
    hint.reason === 'trial_ended'
      ? t('upgrade.trialEnded')
      : plan
        ? t(hint.reason === 'limit' ? 'upgrade.limitTitle' : 'upgrade.featureTitle', { plan })
        : t('upgrade.anyPlan');
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-primary/40 bg-primary/5 p-3 text-sm sm:flex-row sm:items-start"
      role="status"
      data-testid="upgrade-prompt"
    >
      <Sparkles aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-primary" />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-medium">{title}</p>
        <p className="min-w-0 break-words text-muted">{messageOf(error)}</p>
      </div>
      {slug ? (
        <Link className={buttonClass('primary', 'sm', 'self-start')} to={paths.workspace.billing.getHref(slug)}>
          {plan ? t('upgrade.seePlan', { plan }) : t('upgrade.seePlans')}
        </Link>
      ) : null}
    </div>
  );
}
