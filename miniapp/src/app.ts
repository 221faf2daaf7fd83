import type { PropsWithChildren } from 'react';
import './app.scss';
import { PAGE_PATHS } from './app-pages';
import { makeTaroWidgetsAccessible } from './h5-accessibility';
import { fitRootFontSize } from './root-font-size';
import { getSession } from './session';

/**
 * H5: a signed-out visitor who opens the app lands on sign-in at once. The home page would only
 * send them there, after its code had downloaded (issue 9, item 19: the first screen's weight).
 */
function landSignedOutVisitorsOnSignIn(): void {
  if (!window.location.hash.replace(/^#\/?/, '') && !getSession()) window.location.replace(`#/${PAGE_PATHS.login}`);
}

if (process.env.TARO_ENV === 'h5') {
  fitRootFontSize();
  makeTaroWidgetsAccessible();
  landSignedOutVisitorsOnSignIn();
}

export default function App({ children }: PropsWithChildren) {
  return children;
}
