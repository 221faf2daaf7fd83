import { Text } from '@tarojs/components';
import { streetNameOf, useDistrict } from '../../hooks/useDistrict';
import { streetOptions } from '../../utils/filters';
import { ChipSelect } from '../ChipSelect';
import { Field } from '../Field';
import './index.scss';

/**
 * A required choice of the district's street (镇), as chips `<id>-<streetCode>` in a container
 * `<id>`; message `<id>-error`; `suggested`, under the chips (`<id>-hint`), says where a
 * pre-selected street came from. With `lockedTo` (a street officer's own street) it only names
 * that street (`<id>-locked`): the API keeps them to it anyway.
 */
export function StreetField({
  id,
  label,
  value,
  onChange,
  error,
  suggested,
  lockedTo,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (streetCode: string) => void;
  error?: string;
  suggested?: string;
  lockedTo?: string;
}) {
  const district = useDistrict();
  return (
    <Field label={label} required error={error} id={id}>
      {lockedTo ? (
        <Text className="street-field__locked" id={`${id}-locked`}>
          {streetNameOf(district, lockedTo)}
        </Text>
      ) : (
        <ChipSelect id={id} label={label} options={streetOptions(district)} value={value} idPrefix={id} onChange={onChange} />
      )}
      {suggested && (
        <Text className="street-field__suggested" id={`${id}-hint`}>
          {suggested}
        </Text>
      )}
    </Field>
  );
}
