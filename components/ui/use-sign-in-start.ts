"use client";

import { useEffect, useRef, useState } from "react";

/**
 * Starts a sign-in by itself once, on arrival, unless `waitForClick` (after a sign-out or an error
 * the visitor should read the message first); `start` is also the button's click handler.
 */
export function useSignInStart(begin: () => void, waitForClick: boolean) {
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  function start() {
    setBusy(true);
    begin();
  }

  useEffect(() => {
    if (waitForClick || started.current) return;
    started.current = true;
    start();
  });

  return { busy, start };
}
