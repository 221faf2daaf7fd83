/** The identity function's routes: its endpoints with their schemas (see ../routes.ts). */
import { IDENTITY_ENDPOINTS } from '../endpoints/identity';
import { withSchemas } from '../route-spec';
import * as s from '../schemas';
import * as src from '../source-schemas';

export const IDENTITY_ROUTES = /* @__PURE__ */ withSchemas(IDENTITY_ENDPOINTS, {
  requestOtp: {
    body: s.RequestOtpBody,
    response: s.RequestOtpResponse,
  },
  verifyOtp: {
    body: s.VerifyOtpBody,
    response: s.TokenResponse,
  },
  signInWithWechat: {
    body: s.WechatSignInBody,
    response: s.TokenResponse,
  },
  refreshToken: {
    body: s.RefreshBody,
    response: s.TokenResponse,
  },
  signOut: {
    body: s.RefreshBody,
    response: s.SignOutResponse,
  },
  me: {
    response: s.UserView,
  },
  provisionOfficer: {
    body: s.ProvisionOfficerBody,
    response: s.UserView,
  },
  listOfficers: {
    query: s.OfficerListQuery,
    response: s.OfficerListResponse,
  },
  linkOperator: {
    params: src.SourceIdParams,
    body: src.LinkOperatorBody,
    response: src.OperatorLinkResponse,
  },
});
