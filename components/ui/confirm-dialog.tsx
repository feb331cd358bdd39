"use client";

import { type ReactNode, useCallback, useRef, useState } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

export type ConfirmRequest = {
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** "danger" for what cannot be undone (delete, revoke); the confirm button is red. */
  tone?: "danger" | "primary";
};

/**
 * A styled stand-in for window.confirm: `await confirm({...})` resolves true or false, and the
 * returned element must be rendered somewhere. Focus starts on Cancel, the safe answer, and goes
 * back to the button that asked when the dialog closes.
 */
export function useConfirm(): [(request: ConfirmRequest) => Promise<boolean>, ReactNode] {
  const [request, setRequest] = useState<ConfirmRequest>();
  const settle = useRef<(answer: boolean) => void>(undefined);

  const confirm = useCallback(
    (next: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        settle.current?.(false);
        settle.current = resolve;
        setRequest(next);
      }),
    [],
  );
  const answer = (value: boolean) => {
    settle.current?.(value);
    settle.current = undefined;
    setRequest(undefined);
  };

  const element = request ? (
    <Dialog open onClose={() => answer(false)} title={request.title}>
      <div className="flex flex-col gap-4">
        {request.body && <div className="text-sm text-slate-700">{request.body}</div>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="secondary" data-autofocus onClick={() => answer(false)}>
            {request.cancelLabel}
          </Button>
          <Button type="button" variant={request.tone ?? "danger"} onClick={() => answer(true)}>
            {request.confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  ) : null;
  return [confirm, element];
}
