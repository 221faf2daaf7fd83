/**
 * H5 only: the root font size for Taro's rem units. The 750-unit design spans the viewport, but
 * never more than 540 CSS px, the width the app's column stops growing at on wide screens (see
 * app.scss). Run from app.ts before the first render, not inline in index.html: the content
 * security policy allows no inline script.
 */
export function fitRootFontSize(): void {
  const root = document.documentElement;
  const fit = () => {
    root.style.fontSize = `${(40 * Math.min(root.clientWidth || 375, 540)) / 750}px`;
  };
  window.addEventListener('resize', fit);
  fit();
}
