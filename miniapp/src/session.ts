/** The signed-in user and their access token, kept in Taro storage across launches. */
import Taro from '@tarojs/taro'
import type { Role, UserViewT } from '@green-shield/shared/api/schemas'
import { PAGES } from './navigation'

interface Session {
  accessToken: string
  /** Epoch ms; a token this close to expiry is treated as gone so a request never starts doomed. */
  expiresAt: number
  user: UserViewT
}

const STORAGE_KEY = 'green-shield.session'
const EXPIRY_MARGIN_MS = 30_000
const OFFICER_ROLES: readonly Role[] = ['street_officer', 'bureau_officer']

let current: Session | null | undefined

export function getSession(): Session | null {
  if (current === undefined) {
    const stored = Taro.getStorageSync(STORAGE_KEY) as Session | ''
    current = stored || null
  }
  if (current && current.expiresAt - EXPIRY_MARGIN_MS < Date.now()) clearSession()
  return current
}

export function startSession(accessToken: string, expiresInSeconds: number, user: UserViewT): void {
  current = { accessToken, expiresAt: Date.now() + expiresInSeconds * 1000, user }
  Taro.setStorageSync(STORAGE_KEY, current)
}

export function clearSession(): void {
  current = null
  Taro.removeStorageSync(STORAGE_KEY)
}

export function signOut(): void {
  clearSession()
  Taro.reLaunch({ url: PAGES.login })
}

export function isOfficer(user: UserViewT): boolean {
  return user.roles.some((role) => OFFICER_ROLES.includes(role))
}

/** Bureau officers see the whole district and filter by street; street officers see only their own. */
export function seesWholeDistrict(user: UserViewT): boolean {
  return user.roles.includes('bureau_officer')
}
