/**
 * Props for an id that may be absent. Taro's H5 components copy `id={undefined}` onto the element
 * as the text "undefined", so an absent id must not be passed at all.
 */
export function optionalId(id: string | undefined): { id?: string } {
  return id ? { id } : {};
}
