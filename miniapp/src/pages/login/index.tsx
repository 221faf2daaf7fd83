import { View, Text } from '@tarojs/components'
import type { ComplaintViewT } from '@green-shield/shared/api/schemas'
import { COMPLAINT_TAXONOMY } from '@green-shield/shared/complaints/taxonomy'
import './index.scss'

export default function Login() {
  const x: Partial<ComplaintViewT> = {}
  return <View className='login'><Text>{COMPLAINT_TAXONOMY.air.label}{String(x.id)}</Text></View>
}
