import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { OfficerSourceViewT, RectificationViewT } from '@green-shield/shared/api/source-schemas'
import { call, userMessageOf } from '../../api/client'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { TextArea } from '../../components/TextField'
import type { Remote } from '../../hooks/useRemote'
import { useSourceAction } from '../../hooks/useSourceView'
import { zh } from '../../i18n/zh-CN'
import { PRIMARY_COLOR } from '../../styles/colors'

const t = zh.sourceOfficer
const REASON_MIN = 2

/**
 * The officer's decision on evidence awaiting review: accept (after a confirmation, since it
 * rescores the source) or reject with a reason. Ids: `decide-accept-<id>`, `decide-reject-<id>`,
 * `decide-reason-<id>`, `decide-confirm-reject-<id>`, `decide-error-<id>`.
 */
export function EvidenceDecision({ sourceId, rectification, view }: { sourceId: string; rectification: RectificationViewT; view: Remote<OfficerSourceViewT> }) {
  const action = useSourceAction(view)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [attempted, setAttempted] = useState(false)
  const id = rectification.id

  const decide = (decision: 'accept' | 'reject') =>
    action.run(
      () =>
        call('decideEvidence', {
          params: { id: sourceId, rectificationId: id },
          body: { expectedVersion: rectification.version, decision, reason: decision === 'reject' ? reason.trim() : undefined },
        }),
      decision === 'accept' ? t.accepted : t.rejected,
    )

  const accept = async () => {
    const { confirm } = await Taro.showModal({ content: t.acceptConfirm, confirmColor: PRIMARY_COLOR })
    if (confirm) await decide('accept')
  }

  const reject = async () => {
    setAttempted(true)
    if (reason.trim().length < REASON_MIN) return
    await decide('reject')
  }

  return (
    <View className='evidence-decision'>
      <View className='evidence-decision__buttons'>
        <Button id={`decide-reject-${id}`} variant={rejecting ? 'danger' : 'secondary'} disabled={action.busy} onClick={() => setRejecting(!rejecting)}>
          {t.reject}
        </Button>
        <Button id={`decide-accept-${id}`} className='evidence-decision__accept' disabled={action.busy} onClick={accept}>
          {t.accept}
        </Button>
      </View>
      {rejecting && (
        <View className='evidence-decision__reject'>
          <Field label={t.rejectReason} required error={attempted && reason.trim().length < REASON_MIN ? t.rejectReasonRequired : undefined} id={`decide-reason-${id}`}>
            <TextArea id={`decide-reason-${id}`} className='evidence-decision__reason' maxLength={1000} placeholder={t.rejectReasonPlaceholder} value={reason} onChange={setReason} />
          </Field>
          <Button id={`decide-confirm-reject-${id}`} variant='danger' block disabled={action.busy} onClick={reject}>
            {t.confirmReject}
          </Button>
        </View>
      )}
      {action.error !== undefined && (
        <Text className='form-error evidence-decision__error' id={`decide-error-${id}`}>
          {userMessageOf(action.error)}
        </Text>
      )}
    </View>
  )
}
