/**
 * Demo data for the local system: an account for every role. Streets and towns come from the
 * district configuration (shared/src/districts/jingan.json), not from the table.
 */
import { IdentityService } from '../../functions/src/identity/service';
import { IdentityRepository } from '../../functions/src/identity/repository';
import { cachedSigningKeys } from '../../functions/src/lib/signing-keys';
import { publishPublicKey } from '../../functions/src/lib/verification-keys';
import type { IdentityDeps } from '../../functions/src/identity/handler';

export const DEMO_ACCOUNTS = {
  admin: { phone: '13800000000', name: '系统管理员', role: 'admin' as const },
  bureau: { phone: '13800000001', name: '王敏（区生态环境局）', role: 'bureau_officer' as const },
  jingansi: { phone: '13800000002', name: '李强（静安寺街道）', role: 'street_officer' as const, streetCode: 'jingansi' },
  pengpuzhen: { phone: '13800000003', name: '赵丽（彭浦镇）', role: 'street_officer' as const, streetCode: 'pengpuzhen' },
  /** Residents register themselves on first sign-in. */
  resident: { phone: '13900000001', name: '居民（首次登录自动注册）', role: 'resident' as const },
};

export async function seedOfficers(deps: IdentityDeps): Promise<void> {
  const keys = cachedSigningKeys({
    load: async () => {
      const material = await deps.keyStore.load();
      await publishPublicKey(deps.db, deps.tableName, material);
      return material;
    },
  });
  const identity = new IdentityService(new IdentityRepository(deps.db, deps.tableName), deps.sms, deps.clock, keys, deps.district);
  for (const account of Object.values(DEMO_ACCOUNTS)) {
    if (account.role === 'resident') continue;
    await identity.provisionOfficer({ phone: account.phone, name: account.name, role: account.role, streetCode: 'streetCode' in account ? account.streetCode : undefined });
  }
}
