import type { PropsWithChildren } from 'react';
import './app.scss';
import { makeTaroWidgetsAccessible } from './h5-accessibility';
import { fitRootFontSize } from './root-font-size';

if (process.env.TARO_ENV === 'h5') {
  fitRootFontSize();
  makeTaroWidgetsAccessible();
}

export default function App({ children }: PropsWithChildren) {
  return children;
}
