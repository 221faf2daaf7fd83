import { enablePullDownRefresh } from '../../pull-down-refresh'

export default definePageConfig({ navigationBarTitleText: '投诉详情', enablePullDownRefresh })
