import { mainPackagePages, PAGE_PATHS, preloadRule, subpackagePages, TABS } from './app-pages';
import { zh } from './i18n/zh-CN';
import { PRIMARY_COLOR, TEXT_MUTED_COLOR } from './styles/colors';

export default defineAppConfig({
  pages: mainPackagePages(),
  subPackages: subpackagePages(),
  preloadRule: preloadRule(),
  window: {
    navigationBarBackgroundColor: PRIMARY_COLOR,
    navigationBarTextStyle: 'white',
    navigationBarTitleText: zh.app.name,
    // Stated explicitly so H5 draws a title bar with a back button too (WeChat's default anyway).
    navigationStyle: 'default',
    backgroundColor: '#f2f6f5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: TEXT_MUTED_COLOR,
    selectedColor: PRIMARY_COLOR,
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: TABS.map(({ page, icon }) => ({
      pagePath: PAGE_PATHS[page],
      text: zh.tabs[page],
      iconPath: `assets/tab/${icon}.png`,
      selectedIconPath: `assets/tab/${icon}-active.png`,
    })),
  },
  // H5 only: pages appear at once instead of sliding in (snappier on the web, and screenshots never
  // catch a page half-way in). WeChat keeps its native transitions.
  animation: process.env.TARO_ENV === 'h5' ? false : undefined,
  permission: {
    'scope.userLocation': { desc: zh.app.locationPurpose },
  },
  // getLocation: the officers' source form; chooseLocation: the report's place, picked on WeChat's map.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
});
