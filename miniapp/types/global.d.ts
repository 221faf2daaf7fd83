/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'h5';
    /** API origin, from `.env.<mode>`: empty for H5 (same origin), an HTTPS origin for WeChat. */
    TARO_APP_API: string;
  }
}
