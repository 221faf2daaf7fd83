import { enablePullDownRefresh } from '../../pull-down-refresh'

export default definePageConfig({ navigationBarTitleText: '投诉处置', enablePullDownRefresh })
