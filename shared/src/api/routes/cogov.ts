/** The cogov function's routes: its endpoints with their schemas (see ../routes.ts). */
import { COGOV_ENDPOINTS } from '../endpoints/cogov';
import { withSchemas } from '../route-spec';
import * as co from '../cogov-schemas';

export const COGOV_ROUTES = /* @__PURE__ */ withSchemas(COGOV_ENDPOINTS, {
  raiseJointInspection: {
    body: co.RaiseJointInspectionBody,
    response: co.JointInspectionDetail,
  },
  listJointInspections: {
    query: co.JointInspectionListQuery,
    response: co.JointInspectionPage,
  },
  getJointInspection: {
    params: co.JointInspectionParams,
    response: co.JointInspectionDetail,
  },
  stepJointInspection: {
    params: co.JointInspectionParams,
    body: co.JointStepBody,
    response: co.JointInspectionDetail,
  },
  commentJointInspection: {
    params: co.JointInspectionParams,
    body: co.JointCommentBody,
    response: co.JointInspectionDetail,
  },
  inspectForJointInspection: {
    params: co.JointInspectionParams,
    body: co.JointInspectionVisitBody,
    response: co.JointInspectionDetail,
  },
});
