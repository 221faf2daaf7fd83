import Taro, { usePullDownRefresh } from '@tarojs/taro';

/** Pull-down refresh (WeChat; see pull-down-refresh.ts) runs `reload` and closes the spinner after. */
export function usePullDownReload(reload: () => Promise<void>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
}
