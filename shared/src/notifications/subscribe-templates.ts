/**
 * WeChat subscribe-message templates as configuration (`subscribe-templates.json`): which template
 * carries which notification, its fields, the page a tap opens. The mini-app asks users for consent
 * to the configured templates; the server sends through them. Pure.
 */
import table from './subscribe-templates.json' with { type: 'json' };

/** What a template field shows: what the notification is about, the action's label, when. */
export type TemplateFieldSource = 'subject' | 'what' | 'at';

export interface SubscribeTemplate {
  /** Assigned by the mini-program's admin console; empty while the deployment has none (nothing is sent). */
  templateId: string;
  title: string;
  page: string;
  fields: Record<string, TemplateFieldSource>;
  /** The notification actions this template carries, with the label users read. */
  actions: Record<string, string>;
}

export const SUBSCRIBE_TEMPLATES: Readonly<Record<string, SubscribeTemplate>> = table.templates as Record<string, SubscribeTemplate>;

/** The template (its key) that carries a notification action, if one is configured with an id. */
export function templateFor(action: string, templates = SUBSCRIBE_TEMPLATES): { key: string; template: SubscribeTemplate } | undefined {
  for (const [key, template] of Object.entries(templates)) if (template.templateId && action in template.actions) return { key, template };
  return undefined;
}

/**
 * The most characters WeChat takes in a field of each type (the type is the key without its number:
 * `thing1`, `phrase2`); a longer value makes WeChat refuse the whole message (errcode 47003).
 */
export const FIELD_LIMITS: Readonly<Record<string, number>> = { thing: 20, phrase: 5, name: 10, symbol: 5, character_string: 32, number: 32, letter: 32 };

/** A field's type from its key: `thing12` → `thing`. */
export function fieldType(key: string): string {
  return key.replace(/\d+$/, '');
}

/** A value cut to what its field takes: a `thing` ends with … where it was cut; the other types take what fits. */
export function fitField(key: string, value: string): string {
  const limit = FIELD_LIMITS[fieldType(key)];
  const characters = [...value];
  if (limit === undefined || characters.length <= limit) return value;
  return fieldType(key) === 'thing' ? `${characters.slice(0, limit - 1).join('')}…` : characters.slice(0, limit).join('');
}
