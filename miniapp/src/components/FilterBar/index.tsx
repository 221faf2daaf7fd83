import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.scss'

/** The white bar of filters on top of a list page (queue, source search, warnings). */
export function FilterBar({ children }: { children: ReactNode }) {
  return <View className='filter-bar'>{children}</View>
}

/** One labelled line of a filter bar, usually a scrolling ChipSelect. */
export function FilterRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='filter-bar__row'>
      <Text className='filter-bar__label'>{label}</Text>
      <View className='filter-bar__chips'>{children}</View>
    </View>
  )
}
