import { enablePullDownRefresh } from '../../pull-down-refresh'

export default definePageConfig({ navigationBarTitleText: '消息通知', enablePullDownRefresh })
