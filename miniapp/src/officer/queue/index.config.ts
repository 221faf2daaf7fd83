import { enablePullDownRefresh } from '../../pull-down-refresh'

export default definePageConfig({ navigationBarTitleText: '待办工作台', enablePullDownRefresh })
