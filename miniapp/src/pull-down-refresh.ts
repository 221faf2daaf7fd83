/**
 * Pull-down refresh for page configs, in WeChat only: in H5 each page's pull-to-refresh layer stays
 * on top of the pages stacked above it and swallows their taps, and H5 pages reload on show anyway.
 */
export const enablePullDownRefresh = process.env.TARO_ENV === 'weapp';
