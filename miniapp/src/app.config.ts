import { zh } from './i18n/zh-CN';

export default defineAppConfig({
  // The first three are the tab pages; the order must match the tabBar list below.
  pages: [
    'pages/home/index',
    'pages/notifications/index',
    'pages/account/index',
    'pages/login/index',
    'pages/report/index',
    'pages/mine/index',
    'pages/complaint/index',
    // Public (no sign-in): opened by scanning a shop's eco-code, so it must not wait for a subpackage.
    'pages/eco/index',
  ],
  // Officer and operator pages are subpackages so residents never download them (WeChat main package ≤ 2 MB).
  subPackages: [
    {
      root: 'officer',
      pages: ['queue/index', 'handle/index'],
    },
    {
      // Officers' pollution-source registry.
      root: 'sources',
      pages: [
        'search/index',
        'warnings/index',
        'detail/index',
        'timeline/index',
        'inspect/index',
        'poster/index',
        'claims/index',
        'edit/index',
        'import/index',
      ],
    },
    {
      // Operators' own business: compliance, rectification evidence, claims.
      root: 'business',
      pages: ['list/index', 'source/index', 'claim/index'],
    },
  ],
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['officer'] },
  },
  window: {
    navigationBarBackgroundColor: '#0f7b6c',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: zh.app.name,
    // Stated explicitly so H5 draws a title bar with a back button too (WeChat's default anyway).
    navigationStyle: 'default',
    backgroundColor: '#f2f6f5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8d9b99',
    selectedColor: '#0f7b6c',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: zh.tabs.home, iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/notifications/index', text: zh.tabs.notifications, iconPath: 'assets/tab/bell.png', selectedIconPath: 'assets/tab/bell-active.png' },
      { pagePath: 'pages/account/index', text: zh.tabs.account, iconPath: 'assets/tab/user.png', selectedIconPath: 'assets/tab/user-active.png' },
    ],
  },
  // H5 only: pages appear at once instead of sliding in (snappier on the web, and screenshots never
  // catch a page half-way in). WeChat keeps its native transitions.
  animation: process.env.TARO_ENV === 'h5' ? false : undefined,
  permission: {
    'scope.userLocation': { desc: zh.app.locationPurpose },
  },
  requiredPrivateInfos: ['getLocation'],
});
