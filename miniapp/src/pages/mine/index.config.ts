import { enablePullDownRefresh } from '../../pull-down-refresh'

export default definePageConfig({ navigationBarTitleText: '我的投诉', enablePullDownRefresh })
