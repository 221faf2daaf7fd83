/** The theme colour for native widgets (switches, dialogs) that take a colour prop, not a class. */
export const PRIMARY_COLOR = '#0f7b6c'; // $primary in theme.scss
