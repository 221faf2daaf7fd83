/**
 * zod/mini (a fraction of classic zod's weight in every function bundle) brings no messages: this
 * sets the English ones for checks that name none, as classic zod had them. Imported for its effect
 * by every module that declares schemas; the one locale, by path.
 */
import * as z from 'zod/mini';
import englishLocale from 'zod/v4/locales/en.js';

z.config(englishLocale());
