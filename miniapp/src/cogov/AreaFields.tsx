import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { AreaInputT } from '@green-shield/shared/api/cogov-schemas';
import { MAX_LENGTH } from '@green-shield/shared/api/limits';
import { TextField } from '../components/TextField';
import { Toggle } from '../components/Toggle';
import { useCurrentLocation } from '../hooks/useCurrentLocation';

import { zhCommunity } from '../i18n/zh-CN-community';
import './cogov.scss';

const t = zhCommunity.joint;

/** What the area fields hold, and the area they make (undefined while neither an address nor a position is given). */
export function useAreaDraft() {
  const [address, setAddress] = useState('');
  const [withPosition, setWithPosition] = useState(false);
  const position = useCurrentLocation(false);
  const [radius, setRadius] = useState('');
  const point = withPosition && position.status === 'located' ? position.point : undefined;
  const radiusMetres = point && radius.trim() ? Number(radius) : undefined;
  const area: AreaInputT | undefined = address.trim() !== '' || point ? { address: address.trim() || undefined, point, radiusMetres } : undefined;
  return { area, address, setAddress, withPosition, setWithPosition, position, point, radius, setRadius };
}

export type AreaDraft = ReturnType<typeof useAreaDraft>;

/**
 * Where to look (a joint inspection request's area, a patrol task's): an address and/or the officer's
 * current position with a radius (`<idPrefix>-area-address`, `-area-position`, `-area-radius`).
 */
export function AreaFields({ idPrefix, draft, errors }: { idPrefix: string; draft: AreaDraft; errors: Record<string, string> }) {
  const { position } = draft;
  return (
    <>
      <TextField
        id={`${idPrefix}-area-address`}
        label={t.areaAddress}
        placeholder={t.areaAddressPlaceholder}
        maxLength={MAX_LENGTH.address}
        value={draft.address}
        onChange={draft.setAddress}
        error={errors['area.address']}
      />
      <View className="joint-row">
        <Text className="joint-row__name">
          {!draft.withPosition
            ? t.usePosition
            : position.status === 'located'
              ? t.positionAttached
              : position.status === 'locating'
                ? t.positionLocating
                : t.positionUnavailable}
        </Text>
        <Toggle
          id={`${idPrefix}-area-position`}
          label={t.usePosition}
          checked={draft.withPosition}
          onChange={(on) => {
            draft.setWithPosition(on);
            if (on) position.relocate();
          }}
        />
      </View>
      {draft.point && (
        <TextField
          id={`${idPrefix}-area-radius`}
          type="number"
          label={t.radius}
          placeholder={t.radiusPlaceholder}
          maxLength={4}
          value={draft.radius}
          onChange={draft.setRadius}
          error={errors['area.radiusMetres']}
        />
      )}
    </>
  );
}
