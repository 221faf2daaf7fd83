import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { userMessageOf } from '../../api/client'
import { zh } from '../../i18n/zh-CN'
import { Button } from '../Button'
import { Section } from '../Section'
import './index.scss'

/**
 * A row of action buttons (`<idPrefix>-<action>`, tap again to close) and the chosen action's
 * form (`<idPrefix>-form-<action>`): its hint, `children` (the inputs), the last failure
 * (`<idPrefix>-error`) and cancel / confirm (`<idPrefix>-cancel`, `<idPrefix>-confirm`).
 */
export function ActionPanelFrame<A extends string>({ idPrefix, title, actions, labelOf, chosen, onChoose, hint, error, busy, onCancel, onConfirm, children }: {
  idPrefix: string
  title?: string
  actions: readonly A[]
  labelOf: (action: A) => string
  chosen: A | undefined
  onChoose: (action: A) => void
  hint?: string
  error: unknown
  busy: boolean
  onCancel: () => void
  onConfirm: () => void
  children?: ReactNode
}) {
  return (
    <Section title={title} className='action-panel' id={`${idPrefix}-panel`}>
      <View className='action-panel__buttons'>
        {actions.map((candidate) => (
          <Button
            key={candidate}
            id={`${idPrefix}-${candidate}`}
            small
            variant={candidate === chosen ? 'primary' : 'ghost'}
            className='action-panel__button'
            onClick={() => onChoose(candidate)}
          >
            {labelOf(candidate)}
          </Button>
        ))}
      </View>

      {chosen && (
        <View className='action-panel__form' id={`${idPrefix}-form-${chosen}`}>
          {hint && <Text className='action-panel__hint'>{hint}</Text>}
          {children}
          {error !== undefined && (
            <Text className='form-error' id={`${idPrefix}-error`}>
              {userMessageOf(error)}
            </Text>
          )}
          <View className='action-panel__confirm-row'>
            <Button id={`${idPrefix}-cancel`} variant='secondary' onClick={onCancel}>
              {zh.common.cancel}
            </Button>
            <Button id={`${idPrefix}-confirm`} className='action-panel__confirm' disabled={busy} onClick={onConfirm}>
              {busy ? zh.common.saving : `${zh.common.confirm}${labelOf(chosen)}`}
            </Button>
          </View>
        </View>
      )}
    </Section>
  )
}
