export default definePageConfig({ navigationBarTitleText: '投诉处置', enablePullDownRefresh: true })
