/** The overlay and panel of every modal: a centred box on wide screens, a bottom sheet on phones. */
export const overlayClass = 'fixed inset-0 z-40 bg-overlay';
export const dialogPanelClass =
  'fixed inset-x-0 bottom-0 z-50 flex max-h-[90dvh] flex-col gap-4 overflow-y-auto rounded-t-xl border border-border bg-surface p-5 shadow-pop sm:inset-x-auto sm:top-1/2 sm:bottom-auto sm:left-1/2 sm:w-full sm:max-w-lg sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-xl';
