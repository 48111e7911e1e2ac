/** Following one running flow (a verification, an enrollment) while its screen is shown. */
import { useEffect } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';

/** What a flow's store offers its screen: the current copy and the ways to update and clear it. */
interface FlowState<V> {
  current: V | null;
  receive: (view: V) => void;
  refresh: () => Promise<void>;
  reset: () => void;
}

/**
 * Takes main's updates of the flow into `store` while mounted (`follow` subscribes, and is stable) and
 * catches up on mount. Leaving the screen clears an ended outcome, so coming back never shows an earlier
 * caller's or user's result as if it were current; a running flow is kept.
 */
export function useFlowUpdates<V extends { status: S }, S>(
  store: UseBoundStore<StoreApi<FlowState<V>>>,
  follow: (listener: (view: V) => void) => () => void,
  isLive: (status: S) => boolean,
): void {
  const receive = store((s) => s.receive);
  const refresh = store((s) => s.refresh);
  useEffect(() => {
    const unsubscribe = follow(receive);
    void refresh();
    return unsubscribe;
  }, [follow, receive, refresh]);
  useEffect(
    () => () => {
      const { current, reset } = store.getState();
      if (current && !isLive(current.status)) reset();
    },
    [store, isLive],
  );
}
