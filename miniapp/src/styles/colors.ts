/** Theme colours for what takes a colour as a value, not a class: native widgets (dialogs), the tab bar. */
export const PRIMARY_COLOR = '#0f7b6c'; // $primary in theme.scss
/** An unselected tab's label: 5.3:1 on the white tab bar. */
export const TEXT_MUTED_COLOR = '#5f6e6c'; // $text-muted in theme.scss
