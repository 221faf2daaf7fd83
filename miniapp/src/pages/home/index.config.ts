export default definePageConfig({ navigationBarTitleText: '绿盾通', enablePullDownRefresh: false })
