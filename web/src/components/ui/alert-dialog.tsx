import { AlertDialog as AlertPrimitive } from 'radix-ui';
import { type ReactNode, useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { Button, type ButtonVariant } from './button';
import { dialogPanelClass, overlayClass } from './dialog';
import { FormError } from './form-error';
import { Input } from './input';

/**
 * Asks before something that cannot be taken back (delete, revoke, remove, transfer). The trigger
 * stays where it is; the question names the thing. With `confirmText` the person types that text
 * (a workspace's name) before the action is enabled. A failed action says why inside the dialog,
 * which stays open so the person can try again or cancel.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  confirmText,
  variant = 'danger',
  isPending = false,
  error = null,
  onConfirm,
  open,
  onOpenChange,
}: {
  trigger?: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  confirmText?: string;
  variant?: ButtonVariant;
  isPending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const inputId = useId();
  const [typed, setTyped] = useState('');
  // An error from an earlier opening is not this attempt's answer.
  const [attempted, setAttempted] = useState(false);
  const matches = confirmText === undefined || typed === confirmText;
  const controlled = open === undefined ? {} : { open };
  return (
    <AlertPrimitive.Root
      {...controlled}
      onOpenChange={(next) => {
        if (!next) {
          setTyped('');
          setAttempted(false);
        }
        onOpenChange?.(next);
      }}
    >
      {trigger ? <AlertPrimitive.Trigger asChild>{trigger}</AlertPrimitive.Trigger> : null}
      <AlertPrimitive.Portal>
        <AlertPrimitive.Overlay className={overlayClass} />
        <AlertPrimitive.Content className={dialogPanelClass}>
          <AlertPrimitive.Title className="text-lg font-semibold">{title}</AlertPrimitive.Title>
          <AlertPrimitive.Description className="text-sm text-muted">{description}</AlertPrimitive.Description>
          {confirmText !== undefined ? (
            <div className="flex flex-col gap-1.5">
              <label htmlFor={inputId} className="text-sm font-medium">
                {t('confirm.typeToConfirm', { name: confirmText })}
              </label>
              <Input id={inputId} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
            </div>
          ) : null}
          {attempted ? <FormError error={error} shown={[]} /> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertPrimitive.Cancel asChild>
              <Button variant="secondary">{t('action.cancel')}</Button>
            </AlertPrimitive.Cancel>
            <Button
              variant={variant}
              disabled={!matches}
              isLoading={isPending}
              onClick={(event) => {
                event.preventDefault();
                setAttempted(true);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </AlertPrimitive.Content>
      </AlertPrimitive.Portal>
    </AlertPrimitive.Root>
  );
}
