import type { PropsWithChildren } from 'react';
import './app.scss';
import { fitRootFontSize } from './root-font-size';

if (process.env.TARO_ENV === 'h5') fitRootFontSize();

export default function App({ children }: PropsWithChildren) {
  return children;
}
